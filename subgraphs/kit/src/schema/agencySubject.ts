import "reflect-metadata";
import { Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { ClassType } from "type-graphql";
import { badUserInput } from "../errors/badUserInput";
import type { ServiceContext } from "../server/ServiceContext";
import type { ReferenceResolver } from "./buildFederatedSchema";

/** Identity's link from a subject to an agency record, as an agency sees it: only the key it needs. */
@ObjectType("AgencyRecordLink")
export class AgencyRecordLinkRef {
  @Directive("@external")
  @Field()
  agency: string;

  @Directive("@external")
  @Field()
  localId: string;
}

/** The filter every agency events field takes, after validation. */
export interface EventFilter {
  from?: Date;
  to?: Date;
  kinds?: string[];
  /** At most this many per person record, newest first (see `newestPerRecord`). */
  limit: number;
}

export interface DatedEvent {
  id: string;
  kind: string;
  occurredAt: Date;
}

export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 1000;

export interface AgencySubjectOptions<E extends DatedEvent> {
  /** The agency code identity files this agency's records under, e.g. `police`. */
  agency: string;
  /** The field this agency adds to `Subject`, e.g. `policeEvents`. */
  field: string;
  eventType: ClassType<E>;
  /** The agency's event kinds; `kinds` filter values outside it are rejected as bad input. */
  kinds: readonly string[];
  description: string;
  /**
   * Loads the events of many person records at once — one SQL statement for all subjects in the
   * request — keyed by the record's local id. Filter by `from`, `to` and `kinds`, and keep each
   * record's newest `limit` (`newestPerRecord`); the limit per subject is applied afterwards,
   * because one subject may hold several records.
   */
  loadEvents(context: ServiceContext, localIds: readonly string[], filter: EventFilter): Promise<Map<string, E[]>>;
}

/** A `Subject` as the gateway hands it to an agency: its id and identity's links to records. */
export interface AgencySubjectRepresentation {
  id: string;
  records?: { agency: string; localId: string }[];
}

/**
 * On every field an agency adds to `Subject`: identity's links, so the agency finds its own records
 * without storing a subject id.
 */
export const REQUIRES_RECORDS = '@requires(fields: "records { agency localId }")';

/** The ids of the agency's own records among a subject's links. */
export function ownRecordIds(subject: AgencySubjectRepresentation, agency: string): string[] {
  return (subject.records ?? []).filter((r) => r.agency === agency).map((r) => r.localId);
}

export interface AgencySubject {
  /** The agency's `Subject` entity type: key `id`, `records` external, the events field. */
  subjectType: ClassType;
  /** The resolver of the events field; give it to `buildFederatedSchema`. */
  resolver: ClassType;
  /** `__resolveReference` for `Subject`. */
  resolveReference: ReferenceResolver;
}

/**
 * Extends identity's `Subject` with one agency's events, resolved from
 * `@requires(fields: "records { agency localId }")`: identity stays the single authority on who is
 * who, the agency never stores a subject id, and a re-link shows on the next query.
 */
export function defineAgencySubject<E extends DatedEvent>(options: AgencySubjectOptions<E>): AgencySubject {
  const { agency, field, eventType, kinds } = options;

  @Directive('@key(fields: "id")')
  @ObjectType("Subject")
  class Subject {
    @Field(() => ID)
    id: string;

    @Directive("@external")
    @Field(() => [AgencyRecordLinkRef])
    records: AgencyRecordLinkRef[];
  }

  @ArgsType()
  class EventArgs {
    @Field(() => Date, { nullable: true, description: "Only events on or after this time." })
    from?: Date;

    @Field(() => Date, { nullable: true, description: "Only events on or before this time." })
    to?: Date;

    @Field(() => [String], { nullable: true, description: `Only these kinds: ${kinds.join(", ")}.` })
    kinds?: string[];

    @Field(() => Int, { nullable: true, description: `At most this many, newest first (default ${DEFAULT_EVENT_LIMIT}, at most ${MAX_EVENT_LIMIT}).` })
    limit?: number;
  }

  @Resolver(() => Subject)
  class SubjectEventsResolver {
    @Directive(REQUIRES_RECORDS)
    // Nullable so that if this agency cannot answer (down, or later: access denied) the field is null
    // with an error, and the rest of the answer — other agencies' events — still stands.
    @FieldResolver(() => [eventType], { name: field, description: options.description, nullable: true })
    async events(@Root() subject: AgencySubjectRepresentation, @Args() args: EventArgs, @Ctx() context: ServiceContext): Promise<E[]> {
      const filter = validateFilter(args, kinds);
      const localIds = ownRecordIds(subject, agency);
      if (localIds.length === 0) return [];
      const loader = context.loaders.get<string, E[]>(`${field}:${JSON.stringify(filter)}`, async (ids) => {
        const byRecord = await options.loadEvents(context, ids, filter);
        return ids.map((id) => byRecord.get(id) ?? []);
      });
      const perRecord = await loader.loadMany(localIds);
      // A subject with two records in one event would see it twice. Keyed by kind as well as id:
      // an agency's kinds of event come from different tables, whose ids may coincide.
      const seen = new Map<string, E>();
      for (const events of perRecord) {
        if (events instanceof Error) throw events;
        for (const event of events) seen.set(`${event.kind}\u0000${event.id}`, event);
      }
      return [...seen.values()].sort(newestFirst).slice(0, filter.limit);
    }
  }

  return {
    subjectType: Subject,
    resolver: SubjectEventsResolver,
    resolveReference: (reference) => reference,
  };
}

function newestFirst(a: DatedEvent, b: DatedEvent): number {
  return b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function validateFilter(args: { from?: Date; to?: Date; kinds?: string[]; limit?: number }, kinds: readonly string[]): EventFilter {
  if (args.limit !== undefined && args.limit !== null && (args.limit < 1 || args.limit > MAX_EVENT_LIMIT)) {
    throw badUserInput("limit", `limit must be between 1 and ${MAX_EVENT_LIMIT}`);
  }
  if (args.from && args.to && args.from > args.to) throw badUserInput("from", "from must not be after to");
  const unknown = (args.kinds ?? []).filter((k) => !kinds.includes(k));
  if (unknown.length) throw badUserInput("kinds", `unknown kind ${unknown.join(", ")}; known kinds: ${kinds.join(", ")}`);
  const filter: EventFilter = { limit: args.limit ?? DEFAULT_EVENT_LIMIT };
  if (args.from) filter.from = args.from;
  if (args.to) filter.to = args.to;
  if (args.kinds?.length) filter.kinds = [...new Set(args.kinds)].sort();
  return filter;
}
