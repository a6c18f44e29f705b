import type { PoliceCategory } from "../format";

/** Free-text fields as agencies write them: short, generic, never naming anyone. */
export const OCCURRENCE_SUMMARIES: Record<PoliceCategory, readonly string[]> = {
  DOMESTIC_INCIDENT: ["Verbal argument reported by neighbour", "Shouting heard, both parties say argument only", "Caller reports partner refusing to leave", "Argument over money, no injuries seen"],
  COMMON_ASSAULT: ["Victim pushed during argument", "Slapped across face by partner", "Grabbed by arms during dispute", "Stranger pushed victim outside shop"],
  ASSAULT_OCCASIONING_ABH: ["Punched in face, swelling to eye", "Kicked during argument, bruising to legs", "Strangled briefly, marks to neck"],
  GBH: ["Serious assault, taken to hospital with fractures", "Head injury after being struck with object"],
  THREATS_TO_KILL: ["Threatened to kill victim if she left", "Text messages threatening to kill"],
  STALKING_HARASSMENT: ["Repeated unwanted calls and messages after separation", "Ex-partner waiting outside workplace daily"],
  COERCIVE_CONTROL: ["Controls finances and phone, isolates from family", "Monitors movements, restricts contact with friends"],
  SEXUAL_ASSAULT: ["Sexual touching without consent", "Sexual assault reported after night out"],
  RAPE: ["Rape reported, victim supported to SARC", "Historic rape disclosed to officers"],
  CRIMINAL_DAMAGE: ["Phone smashed during argument", "Car window broken overnight", "Front door damaged"],
  BREACH_OF_ORDER: ["Breach of non-molestation order", "Contacted victim in breach of bail conditions"],
  OTHER: ["Concern for welfare call", "Financial abuse reported by bank", "Theft from home reported"],
};

export const COVER_STORIES: readonly string[] = ["Fall at home", "Walked into door", "Fell down stairs", "Tripped over in garden", "Sports injury"];

export const INJURIES: readonly (readonly string[])[] = [
  ["Bruising to left forearm", "Small cut to lip", "Bruising to upper arm"],
  ["Bruising to both arms", "Swelling to right cheek", "Laceration to scalp"],
  ["Fractured wrist", "Black eye and facial swelling", "Marks to neck consistent with strangulation"],
  ["Fractured cheekbone", "Head injury with loss of consciousness", "Multiple fractures"],
];

export const ORDINARY_COMPLAINTS: Record<"GP" | "EMERGENCY_DEPARTMENT" | "MINOR_INJURY_UNIT" | "MATERNITY", readonly string[]> = {
  GP: ["Cough", "Back pain", "Medication review", "Asthma review", "Headaches", "Rash", "Blood pressure check", "Ear infection", "Vaccination"],
  EMERGENCY_DEPARTMENT: ["Chest pain", "Abdominal pain", "Fall", "Shortness of breath", "Allergic reaction", "Road traffic collision"],
  MINOR_INJURY_UNIT: ["Sprained ankle", "Cut to hand", "Sports injury", "Burn to hand", "Foreign body in eye"],
  MATERNITY: ["Antenatal check", "Booking appointment", "Reduced fetal movements"],
};

export const ORDINARY_INJURIES: readonly string[] = ["Sprained ankle", "Cut to hand", "Bruised knee", "Minor burn", "Wrist sprain"];

export const DISTRESS_COMPLAINTS: readonly string[] = ["Low mood", "Anxiety", "Sleep problems", "Headaches", "Panic attacks"];

export const PERPETRATOR_COMPLAINTS: readonly (readonly [string, string | undefined])[] = [
  ["Hand injury, says punched a wall", "Swollen knuckles"],
  ["Alcohol misuse", undefined],
  ["Anger problems", undefined],
  ["Cut to hand", "Laceration to palm"],
];

export const CONCERN_SUMMARIES = {
  DOMESTIC_ABUSE: ["IDVA referral offered", "IDVA referral offered; declined", "Disclosed partner violence; safety plan discussed"],
  SEXUAL_VIOLENCE: ["Forensic examination offered", "Referred to ISVA service"],
  CHILD_PROTECTION: ["Unexplained injury in child under two", "Child present during domestic abuse"],
  ADULT_SAFEGUARDING: ["Concern about care at home", "Possible financial abuse by relative"],
} as const;

export const REFERRAL_SUMMARIES: readonly string[] = [
  "Police notification: child present at domestic incident",
  "School reports child disclosed shouting at home",
  "Health visitor concern about home conditions",
  "Police notification of domestic abuse in household",
];

export const REFERRAL_OUTCOMES: readonly string[] = ["No further action", "Progressed to assessment", "Signposted to early help"];

export const ADULT_CONCERNS: readonly string[] = ["Possible financial abuse by relative", "Neglect by carer", "Self-neglect", "Unexplained bruising"];
