# The habits of the Python predecessor, as thin calls to pnpm. pnpm is not assumed to be installed:
# npx runs the pinned version, the same as package.json's packageManager field.
PNPM ?= npx --yes pnpm@9.15.9

.PHONY: install start test unit integration acceptance lint typecheck format up down local-setup bench demo topology docs dlq faults prod-check cluster cluster-down cluster-status faults-cluster migrate-queues

# Exactly the locked dependencies; fails instead of updating pnpm-lock.yaml.
install:
	$(PNPM) install --frozen-lockfile

# The whole platform on this machine: schemas and roles, migrations, the three services and a mail catcher.
start: install
	$(PNPM) start

# What CI runs: types, lint, then every workspace's tests against the real Postgres and RabbitMQ.
test: install
	$(PNPM) -r typecheck
	$(PNPM) -r lint
	$(PNPM) test

# One package at a time: integration and acceptance tests share the local broker and database server.
unit:
	$(PNPM) -r --workspace-concurrency=1 run test:unit

integration:
	$(PNPM) -r --workspace-concurrency=1 run test:integration

acceptance:
	$(PNPM) -r --workspace-concurrency=1 run test:acceptance

lint:
	$(PNPM) -r lint

typecheck:
	$(PNPM) -r typecheck

format:
	$(PNPM) format

# The platform in containers (docker-compose.yml), returning once every service is healthy.
up:
	docker compose up --build --detach --wait

down:
	docker compose down

# What `make up` runs, without Docker: the image's build, its services with the compose environment, the demo (about a minute).
prod-check:
	$(PNPM) --silent prod-check

# Git hooks of this repo: typecheck, lint and unit tests before a commit; integration tests before a push.
local-setup:
	git config core.hooksPath .githooks

# The performance harness; not part of `make test`.
bench:
	$(PNPM) bench $(ARGS)

# Against a running platform (make start): one story through all three services, checked step by step.
demo:
	$(PNPM) --silent demo

# The exchange, queues and bindings as a table, RabbitMQ definitions JSON and a mermaid diagram;
# ARGS=--stale prints only the stale bindings on the broker.
topology:
	$(PNPM) --silent topology $(ARGS)

# Regenerates the README's topology picture and event catalog, and docs/asyncapi.json.
docs:
	$(PNPM) --silent docs

# Dead letters of one handler queue: make dlq ARGS="list users.send_email_on_video_created",
# ARGS="replay users.send_email_on_video_created --limit 10", ARGS="retry <queue> <event id>" or ARGS="discard <queue> <event id>".
dlq:
	$(PNPM) --silent dlq $(ARGS)

# The platform under a RabbitMQ restart, a SIGKILLed service, a Postgres restart and poison messages
# (about 3 minutes; it restarts the shared broker and database, so never beside another test run).
faults:
	$(PNPM) --silent test:faults

# A local 3-node RabbitMQ cluster (cpa1..3@localhost, AMQP 5681-5683, management on 15681) beside the machine's
# broker, which it never touches; it prints the RABBITMQ_URL list to use. Data and logs in .cluster/.
cluster:
	infra/rabbitmq/cluster.sh start

# The fault suite on the cluster of `make cluster` (which must be running): quorum queues, two replicas of each
# service, 2,000 videos while the busiest node is SIGKILLed, the nodes restart one by one, the node under the
# videos relays dies mid-publish and poison arrives (about 9 minutes). First the quorum tests, on the cluster.
# It never restarts the machine's broker or Postgres.
CLUSTER_RABBITMQ_URL = amqp://guest:guest@127.0.0.1:5681,amqp://guest:guest@127.0.0.1:5682,amqp://guest:guest@127.0.0.1:5683
CLUSTER_MANAGEMENT_URL = http://guest:guest@127.0.0.1:15681
faults-cluster:
	TEST_RABBITMQ_URL=$(CLUSTER_RABBITMQ_URL) TEST_RABBITMQ_MANAGEMENT_URL=$(CLUSTER_MANAGEMENT_URL) \
	  $(PNPM) --filter @course-platform/messaging exec jest test/integration/quorum-queues.test.ts
	TEST_RABBITMQ_URL=$(CLUSTER_RABBITMQ_URL) TEST_RABBITMQ_MANAGEMENT_URL=$(CLUSTER_MANAGEMENT_URL) \
	  $(PNPM) --silent test:faults-cluster

# Re-creates the platform's queues as quorum (or classic) queues, keeping their messages; the services stopped:
# make migrate-queues ARGS="--to quorum" (docs/runbooks/classic-to-quorum.md).
migrate-queues:
	$(PNPM) --silent migrate-queues $(ARGS)

# Stops the three nodes of `make cluster`, and nothing else.
cluster-down:
	infra/rabbitmq/cluster.sh stop

cluster-status:
	infra/rabbitmq/cluster.sh status
