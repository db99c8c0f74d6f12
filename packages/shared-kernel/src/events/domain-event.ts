// What an aggregate records. The messaging layer wraps it in the wire envelope with correlation metadata.
export interface DomainEvent<Name extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Name;
  readonly version: number;
  readonly occurredOn: string;
  readonly aggregateId: string;
  readonly data: Data;
}

export interface EventMeta {
  correlationId: string;
  causationId: string | null;
  producer: string;
}

/** The JSON body of every message on the exchange. */
export interface EventEnvelope<Name extends string = string, Data = unknown> extends DomainEvent<Name, Data> {
  readonly meta: EventMeta;
}
