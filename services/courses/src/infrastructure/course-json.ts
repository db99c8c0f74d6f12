import { z } from 'zod';

// The HTTP representations, one schema each: responses are built from them and documented by them.

export const courseJson = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  revision: z.number().int().meta({ description: '1 at creation, +1 with every change' }),
});

const counters = {
  videoCount: z.number().int(),
  totalDurationSeconds: z.number().int(),
  studentCount: z.number().int(),
};

export const courseSummaryJson = z.object({ id: z.uuid(), title: z.string(), description: z.string(), ...counters });

export const courseViewJson = courseSummaryJson.extend({
  videos: z
    .array(z.object({ videoId: z.uuid(), title: z.string(), durationSeconds: z.number().int() }))
    .meta({ description: 'in the order they were added to the course' }),
});

export const coursePageJson = z.object({
  items: z.array(courseSummaryJson),
  nextCursor: z.string().nullable().meta({ description: 'pass it as `cursor` for the next page; null on the last one' }),
});
