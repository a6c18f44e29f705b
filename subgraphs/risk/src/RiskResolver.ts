import { badUserInput, SubjectRole } from "@tessera/kit";
import { Args, ArgsType, Directive, Field, FieldResolver, Resolver, Root } from "type-graphql";
import { assessRisk, associates, chronology, maracCriteria, perpetratorProfile, type RiskBasisResult, type RiskInput } from "./engine";
import { RuleSets } from "./ruleSets";
import { loadSources, requiredSelection, type SourceDepth } from "./sources";
import { subjectEvidence, type SubjectEvidence, type SubjectRepresentation } from "./subjectInput";
import { Associate, ChronologyEntry, Completeness, MaracAssessment, PerpetratorProfile, RiskAssessment, RiskBasis, RiskLevel, Subject } from "./types";

const SOURCES = loadSources();
const RULE_SETS = new RuleSets();
/**
 * Each field asks for the events to the depth it needs. Asked together, the gateway fetches the
 * union once per subject, and the evidence below is assembled once from it.
 */
const requires = (depth: SourceDepth) => `@requires(fields: "${requiredSelection(SOURCES, depth)}")`;

@ArgsType()
class AsAtArgs {
  @Field(() => Date, {
    nullable: true,
    description: "Assess as things stood at this moment (events after it are set aside; windows and recency count back from it), e.g. for a review. Default: now.",
  })
  asAt?: Date;

  @Field(() => String, {
    nullable: true,
    description: "Compute under this published rule set version (e.g. \"1.0.0\"), to re-run an assessment under the rules it was made with. Default: the rule set in force.",
  })
  ruleSetVersion?: string;
}

@ArgsType()
class ChronologyArgs {
  @Field(() => Date, { nullable: true })
  from?: Date;

  @Field(() => Date, { nullable: true })
  to?: Date;

  @Field(() => [String], { nullable: true, description: "Only these kinds (each agency's own kinds)." })
  kinds?: string[];
}

function at(input: RiskInput, asAt: Date | undefined): RiskInput {
  return asAt ? { ...input, now: asAt } : input;
}

function basis(result: RiskBasisResult): RiskBasis {
  return { ...result, agenciesNotSeen: result.agenciesNotSeen.map((source) => ({ agency: source.agency, visible: false, reason: source.reason })) };
}

/**
 * Risk's fields on `Subject`. Each is computed from the agencies' signal-level events the gateway
 * fetched for it, as the caller (`@requires`), so an agency's policy decides what risk sees; the
 * evidence is assembled once per subject and request.
 */
@Resolver(() => Subject)
export class RiskResolver {
  private readonly evidence = new WeakMap<object, SubjectEvidence>();
  private readonly ruleSet = RULE_SETS.current;

  private of(subject: SubjectRepresentation): SubjectEvidence {
    let found = this.evidence.get(subject);
    if (!found) {
      found = subjectEvidence(subject, SOURCES);
      this.evidence.set(subject, found);
    }
    return found;
  }

  @FieldResolver(() => [ChronologyEntry], {
    nullable: true,
    description: "Every event from every agency the caller may see, oldest first, with its turning points (first contact with an agency or area, first injury, escalation, gaps).",
  })
  @Directive(requires("events"))
  chronology(@Root() subject: SubjectRepresentation, @Args() args: ChronologyArgs): ChronologyEntry[] {
    if (args.from && args.to && args.from > args.to) throw badUserInput("from", "must not be after to");
    const filter = { ...(args.from ? { from: args.from } : {}), ...(args.to ? { to: args.to } : {}), ...(args.kinds ? { kinds: args.kinds } : {}) };
    return chronology(this.of(subject).input, this.ruleSet, filter).map((entry) => ({
      id: entry.event.id,
      agency: entry.event.agency,
      area: entry.event.area,
      occurredAt: entry.event.occurredAt,
      kind: entry.event.kind,
      role: entry.event.role as SubjectRole,
      turningPoints: entry.turningPoints,
    }));
  }

  @FieldResolver(() => RiskAssessment, { nullable: true, description: "The subject's risk as a potential victim, with its reasons and what it rests on." })
  @Directive(requires("perpetrators"))
  riskAssessment(@Root() subject: SubjectRepresentation, @Args() { asAt, ruleSetVersion }: AsAtArgs): RiskAssessment {
    const { input, perpetrators } = this.of(subject);
    const result = assessRisk(at(input, asAt), RULE_SETS.select(ruleSetVersion), perpetrators);
    return {
      level: result.level as RiskLevel,
      completeness: result.completeness as Completeness,
      headline: result.headline,
      reasons: result.reasons.map((reason) => ({
        ruleId: reason.ruleId,
        statement: reason.statement,
        contribution: reason.contribution,
        events: reason.eventIds,
        latestAt: reason.latestAt,
        linkDoubt: reason.linkDoubt,
      })),
      basis: basis(result.basis),
      summary: result.summary,
    };
  }

  @FieldResolver(() => MaracAssessment, { nullable: true, description: "The four SafeLives MARAC referral criteria, each with its evidence." })
  @Directive(requires("perpetrators"))
  marac(@Root() subject: SubjectRepresentation, @Args() { asAt, ruleSetVersion }: AsAtArgs): MaracAssessment {
    const { input, perpetrators } = this.of(subject);
    const result = maracCriteria(at(input, asAt), RULE_SETS.select(ruleSetVersion), perpetrators);
    return {
      criteria: result.criteria.map((criterion) => ({ criterion: criterion.criterion, met: criterion.met, evidence: criterion.evidence, events: criterion.eventIds })),
      referralIndicated: result.referralIndicated,
      indication: result.indication,
      completeness: result.completeness as Completeness,
      basis: basis(result.basis),
    };
  }

  @FieldResolver(() => PerpetratorProfile, { nullable: true, description: "The subject as a suspect or offender of domestic abuse, across every force and agency the caller may see." })
  @Directive(requires("counterparts"))
  perpetratorProfile(@Root() subject: SubjectRepresentation, @Args() { asAt, ruleSetVersion }: AsAtArgs): PerpetratorProfile {
    const result = perpetratorProfile(at(this.of(subject).input, asAt), RULE_SETS.select(ruleSetVersion));
    return {
      distinctVictims: result.distinctVictims,
      victims: result.victims.map((id) => ({ id })),
      serialPerpetrator: result.serialPerpetrator,
      serialPerpetratorEvidence: result.serialPerpetratorEvidence,
      daysSinceLastIncident: result.daysSinceLastIncident,
      incidentsInWindow: result.incidentsInWindow,
      harm: result.harm,
      harmTableVersion: result.harmTableVersion,
      localPriorityScore: result.localPriorityScore,
      areas: result.areas,
      counterAllegation: result.counterAllegation,
      caveat: result.caveat,
      basis: basis(result.basis),
    };
  }

  @FieldResolver(() => [Associate], { nullable: true, description: "People connected to the subject through shared events, with how and through which events." })
  @Directive(requires("counterparts"))
  associates(@Root() subject: SubjectRepresentation): Associate[] {
    return associates(this.of(subject).input).map((associate) => ({
      subject: associate.subjectId ? { id: associate.subjectId } : null,
      agency: associate.agency,
      localId: associate.localId,
      relationships: associate.relationships,
      events: associate.eventIds,
    }));
  }
}
