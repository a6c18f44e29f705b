/**
 * Common English given names and their short forms, so that "Danny" and "Daniel" are compared as the
 * same name written two ways rather than as two different names.
 *
 * SOURCE: compiled for Tessera from common knowledge of English-language diminutives (the kind of
 * list published as "nickname and diminutive names lookup" tables, e.g. the Carlton/Old Dominion
 * University list); it is modest and deliberately conservative — only unambiguous, widely used
 * forms. Extend it here; each line is one group of interchangeable forms. A name may sit in more than
 * one group (Chris: Christopher and Christine); two names are nicknames of each other when they
 * share a group.
 */
export const NICKNAME_GROUPS: readonly (readonly string[])[] = [
  ["daniel", "dan", "danny", "dani"],
  ["penelope", "penny", "pen"],
  ["william", "will", "bill", "billy", "willie", "liam"],
  ["robert", "rob", "bob", "bobby", "robbie", "bert"],
  ["richard", "rich", "rick", "ricky", "dick", "richie"],
  ["james", "jim", "jimmy", "jamie"],
  ["john", "jack", "johnny", "jon"],
  ["jonathan", "jon", "jonny", "johnny"],
  ["michael", "mike", "mick", "mickey", "micky"],
  ["thomas", "tom", "tommy"],
  ["joseph", "joe", "joey"],
  ["charles", "charlie", "chas", "chuck"],
  ["christopher", "chris", "kit"],
  ["christine", "chris", "chrissy", "tina"],
  ["christina", "chris", "chrissy", "tina"],
  ["anthony", "tony", "ant"],
  ["andrew", "andy", "drew"],
  ["alexander", "alex", "sandy", "alec"],
  ["alexandra", "alex", "sandra", "lexi"],
  ["edward", "ed", "eddie", "ted", "ned"],
  ["benjamin", "ben", "benny"],
  ["samuel", "sam", "sammy"],
  ["samantha", "sam", "sammy"],
  ["matthew", "matt"],
  ["nicholas", "nick", "nicky"],
  ["stephen", "steve", "stevie"],
  ["steven", "steve", "stevie"],
  ["peter", "pete"],
  ["david", "dave", "davey"],
  ["timothy", "tim", "timmy"],
  ["patrick", "pat", "paddy"],
  ["patricia", "pat", "patsy", "trish"],
  ["elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "libby"],
  ["margaret", "maggie", "meg", "peggy", "maisie"],
  ["katherine", "kate", "katie", "kathy", "kat"],
  ["catherine", "cath", "cathy", "kate", "katie"],
  ["rebecca", "becky", "becca"],
  ["jennifer", "jen", "jenny"],
  ["victoria", "vicky", "tori"],
  ["susan", "sue", "susie"],
  ["deborah", "debbie", "deb"],
  ["jessica", "jess", "jessie"],
  ["abigail", "abby", "abi"],
  ["eleanor", "ellie", "nell"],
  ["helen", "nell"],
  ["natalie", "nat"],
  ["nathaniel", "nat", "nathan"],
  ["frederick", "fred", "freddie"],
  ["henry", "harry", "hal"],
  ["harold", "harry", "hal"],
  ["leonard", "len", "lenny", "leo"],
  ["lawrence", "larry", "laurie"],
  ["gerald", "gerry", "jerry"],
  ["kenneth", "ken", "kenny"],
  ["ronald", "ron", "ronnie"],
  ["donald", "don", "donnie"],
  ["philip", "phil"],
  ["gregory", "greg"],
  ["jacob", "jake"],
  ["joshua", "josh"],
  ["zachary", "zach", "zack"],
  ["oliver", "ollie"],
  ["isabella", "bella", "izzy"],
  ["isabel", "bella", "izzy"],
  ["amanda", "mandy"],
  ["sarah", "sally"],
  ["mary", "molly", "polly"],
  ["ann", "anne", "annie", "nan"],
  ["joanne", "jo"],
  ["josephine", "jo", "josie"],
  ["dorothy", "dot", "dottie"],
  ["theodore", "theo", "ted", "teddy"],
  ["terence", "terry"],
  ["vincent", "vince", "vinny"],
];

const GROUPS_OF_NAME: ReadonlyMap<string, readonly number[]> = (() => {
  const groups = new Map<string, number[]>();
  NICKNAME_GROUPS.forEach((group, index) => {
    for (const name of group) groups.set(name, [...(groups.get(name) ?? []), index]);
  });
  return groups;
})();

/** Two different given names that the table says are forms of one another (both already normalised). */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false;
  const groupsOfA = GROUPS_OF_NAME.get(a);
  const groupsOfB = GROUPS_OF_NAME.get(b);
  if (!groupsOfA || !groupsOfB) return false;
  return groupsOfA.some((group) => groupsOfB.includes(group));
}
