/** double-metaphone@1.0.5 ships no types: one word in, its primary and secondary phonetic codes out. */
declare module "double-metaphone" {
  function doubleMetaphone(word: string): [string, string];
  export = doubleMetaphone;
}
