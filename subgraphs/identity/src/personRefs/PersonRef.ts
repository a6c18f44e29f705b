import { Directive, Field, ObjectType } from "type-graphql";

/**
 * The counterparts of agency events (a suspect, a victim, a household member) as agencies name
 * them: by record, not by subject, because agencies never store subject ids. Identity resolves
 * them, so the graph can be walked from a victim to a suspect to the suspect's other events.
 */
@Directive('@key(fields: "agency localId")')
@ObjectType("PersonRef", { description: "An agency person record, resolved by identity to its subject." })
export class PersonRef {
  @Field({ description: "Agency holding the record: police, health, social-care, or a partner's code." })
  agency: string;

  @Field({ description: "The record's id in that agency." })
  localId: string;
}
