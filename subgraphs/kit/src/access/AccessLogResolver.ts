import "reflect-metadata";
import { Args, ArgsType, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import { badUserInput } from "../errors/badUserInput";
import type { ServiceContext } from "../server/ServiceContext";
import type { AccessLogEntry } from "./accessLog";
import type { Level, TypePolicy } from "./AccessPolicy";

@ObjectType("AccessLogDenial", { description: "A field the caller asked for and was refused, and the policy rule that refused it." })
@Directive("@shareable")
export class AccessLogDenialType {
  @Field()
  field: string;

  @Field()
  rule: string;
}

@ObjectType("AccessLogEntry", { description: "One request's reads or writes of personal data in one service (DPA 2018 s62)." })
@Directive("@shareable")
export class AccessLogEntryType {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  loggedAt: Date;

  @Field({ description: "The service whose data it was." })
  service: string;

  @Field({ description: "Ties the entry to the gateway's and other services' records of the same request." })
  requestId: string;

  @Field(() => String, { nullable: true })
  operation: string | null;

  @Field({ description: "read or write." })
  action: string;

  @Field({ description: "allowed, denied, or partial (some fields refused)." })
  outcome: string;

  @Field({ description: "The user's id at their organisation (the token's sub)." })
  user: string;

  @Field()
  userName: string;

  @Field()
  agency: string;

  @Field(() => [String])
  roles: string[];

  @Field({ description: "The user's force, trust or council." })
  area: string;

  @Field({ description: "The purpose the token stated." })
  purpose: string;

  @Field(() => String, { nullable: true, description: "The justification the request gave for detail beyond the caller's default." })
  justification: string | null;

  @Field(() => [String], { description: "Subjects whose data the request touched." })
  subjects: string[];

  @Field(() => [String], { description: "Records touched, as Type:id." })
  records: string[];

  @Field(() => [String], { description: "Fields disclosed, as Type.field." })
  fields: string[];

  @Field(() => [AccessLogDenialType])
  denied: AccessLogDenialType[];

  @Field({ description: "This entry's link in the hash chain (npm run audit:verify checks the chain)." })
  hash: string;
}

@ObjectType("AccessLogPage")
@Directive("@shareable")
export class AccessLogPage {
  @Field(() => [AccessLogEntryType], { description: "Newest first." })
  entries: AccessLogEntryType[];

  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Pass as after for the next page." })
  endCursor: string | null;
}

@ArgsType()
class AccessLogArgs {
  @Field(() => ID, { nullable: true, description: "Only entries touching this subject (reads through Subject; a record read by its own id is found by recordId)." })
  subjectId?: string;

  @Field(() => ID, { nullable: true, description: "Only entries touching this record, by the agency's own id (e.g. NVH-P-1)." })
  recordId?: string;

  @Field(() => Date, { nullable: true })
  from?: Date;

  @Field(() => Date, { nullable: true })
  to?: Date;

  @Field(() => Int, { defaultValue: 50, description: "1 to 500." })
  first: number;

  @Field(() => String, { nullable: true })
  after?: string;
}

/** `police` → `policeAccessLog`: each service's log is its own root field, since each lives in its own database. */
export function accessLogFieldName(service: string): string {
  return `${service.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())}AccessLog`;
}

/** The fields of the log's types, which the kit's own policy entries must name one by one. */
const LOG_FIELDS: Record<string, string[]> = {
  AccessLogPage: ["entries", "hasNextPage", "endCursor"],
  AccessLogEntry: ["id", "loggedAt", "service", "requestId", "operation", "action", "outcome", "user", "userName", "agency", "roles", "area", "purpose", "justification", "subjects", "records", "fields", "denied", "hash"],
  AccessLogDenial: ["field", "rule"],
};

/** The policy entries every service has for its own log: its auditors read it, nobody else. */
export function accessLogPolicyTypes(service: string): Record<string, TypePolicy> {
  const types: Record<string, TypePolicy> = { Query: { fields: { [accessLogFieldName(service)]: "audit" } } };
  for (const [typeName, fields] of Object.entries(LOG_FIELDS)) {
    // No `record`: an auditor's read is logged by its fields, and log ids must not mix with the agency's record ids.
    types[typeName] = { fields: Object.fromEntries(fields.map((field) => [field, "audit" as Level])) };
  }
  return types;
}

/** The auditors' query over one service's access log. */
export function accessLogResolver(service: string): Function {
  @Resolver()
  class AccessLogResolver {
    @Query(() => AccessLogPage, {
      name: accessLogFieldName(service),
      nullable: true,
      description: `The ${service} access log (DPA 2018 s62), newest first: for ${service}'s auditors only. Reading it is itself logged.`,
    })
    async accessLog(@Args() args: AccessLogArgs, @Ctx() context: ServiceContext): Promise<AccessLogPage> {
      if (args.first < 1 || args.first > 500) throw badUserInput("first", "must be between 1 and 500");
      if (args.after !== undefined && !/^\d+$/.test(args.after)) throw badUserInput("after", "is not a cursor from this log");
      const conditions: string[] = [];
      const parameters: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        parameters.push(value);
        conditions.push(sql.replace("?", `$${parameters.length}`));
      };
      if (args.subjectId) add("subject_ids @> ARRAY[?]::text[]", args.subjectId);
      if (args.recordId) add("record_ids @> ARRAY[?]::text[]", args.recordId);
      if (args.from) add("logged_at >= ?", args.from);
      if (args.to) add("logged_at < ?", args.to);
      if (args.after) add("id < ?", args.after);
      const rows: { id: string; entry: string; hash: string }[] = await context.db.query(
        `SELECT id, entry, hash FROM access_log ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ${args.first + 1}`,
        parameters,
      );
      const page = rows.slice(0, args.first);
      return {
        entries: page.map((row) => {
          const entry = JSON.parse(row.entry) as AccessLogEntry;
          return { ...entry, id: row.id, loggedAt: new Date(entry.loggedAt), hash: row.hash };
        }),
        hasNextPage: rows.length > args.first,
        endCursor: page.at(-1)?.id ?? null,
      };
    }
  }
  return AccessLogResolver;
}
