/**
 * Invented name lists for synthetic people: common English given names with the short forms
 * people give to other agencies (and victims use when naming a partner), and surnames mixing very
 * common ones — so that different people share names, as they do — with rarer ones. No list names
 * a real individual. The scenario's surnames (Ashworth, Rourke) are deliberately absent, so no
 * synthetic person can be mistaken for the scenario's couple.
 */
export interface GivenName {
  readonly name: string;
  /** Short forms and nicknames, most usual first. */
  readonly shortForms: readonly string[];
}

function given(spec: string): GivenName {
  const [name, forms] = spec.split(":") as [string, string | undefined];
  return { name, shortForms: forms ? forms.split(",") : [] };
}

export const FEMALE_NAMES: readonly GivenName[] = [
  "Penelope:Penny", "Katherine:Kate,Katie,Kath", "Elizabeth:Liz,Beth,Lizzie", "Rebecca:Becky,Becca",
  "Jennifer:Jen,Jenny", "Margaret:Maggie,Peggy", "Victoria:Vicky,Tori", "Samantha:Sam,Sammy",
  "Alexandra:Alex,Lexi", "Charlotte:Charlie,Lottie", "Jessica:Jess,Jessie", "Abigail:Abi,Abby",
  "Natalie:Nat", "Nicola:Nicky,Nic", "Deborah:Debbie,Deb", "Amanda:Mandy", "Susan:Sue,Susie",
  "Christine:Chris,Chrissie", "Patricia:Pat,Trish", "Kimberley:Kim", "Stephanie:Steph",
  "Danielle:Dani", "Emily:Em,Emmy", "Olivia:Liv,Livvy", "Louise:Lou", "Michelle:Shell",
  "Joanne:Jo", "Caroline:Caz,Carrie", "Amelia:Millie", "Isabella:Izzy,Bella", "Eleanor:Ellie,Nell",
  "Gabriella:Gabby", "Josephine:Josie,Jo", "Frances:Fran", "Harriet:Hattie", "Theresa:Tess,Terri",
  "Megan:Meg", "Natasha:Tash", "Georgina:Georgie", "Jacqueline:Jackie", "Sandra:Sandy",
  "Hannah", "Sophie", "Chloe", "Laura", "Emma", "Sarah", "Rachel", "Gemma", "Zoe", "Leanne",
  "Kirsty", "Lucy", "Holly", "Ruby", "Grace", "Amy", "Claire", "Kayleigh", "Shannon", "Jade",
  "Aisha", "Priya", "Fatima", "Zainab", "Chantelle", "Siobhan", "Nadia", "Agnieszka", "Tanisha",
].map(given);

export const MALE_NAMES: readonly GivenName[] = [
  "Daniel:Dan,Danny", "William:Will,Bill,Billy", "Robert:Rob,Bob,Robbie", "Michael:Mike,Mick,Mikey",
  "Christopher:Chris", "Matthew:Matt", "Anthony:Tony,Ant", "James:Jim,Jimmy,Jamie",
  "Thomas:Tom,Tommy", "Richard:Rich,Ricky,Dick", "Stephen:Steve", "Andrew:Andy,Drew", "Joseph:Joe,Joey",
  "David:Dave,Davey", "Jonathan:Jon,Jonny", "Benjamin:Ben,Benny", "Samuel:Sam,Sammy",
  "Nicholas:Nick,Nicky", "Alexander:Alex,Xander", "Edward:Ed,Eddie,Ted", "Charles:Charlie,Chas",
  "Patrick:Pat,Paddy", "Timothy:Tim", "Gareth:Gaz", "Kenneth:Ken,Kenny", "Raymond:Ray",
  "Nathan:Nate", "Jacob:Jake", "Joshua:Josh", "Oliver:Ollie", "Mohammed:Mo", "Terence:Terry",
  "Leonard:Len,Lenny", "Frederick:Fred,Freddie", "Zachary:Zac", "Stuart:Stu", "Philip:Phil",
  "Gregory:Greg", "Peter:Pete", "Lawrence:Laurie,Larry", "Gary:Gaz",
  "Lee", "Craig", "Dean", "Wayne", "Jason", "Mark", "Paul", "Ryan", "Liam", "Connor", "Kyle",
  "Jordan", "Harry", "George", "Jack", "Callum", "Ahmed", "Imran", "Kieran", "Shane", "Darren",
  "Lewis", "Adam", "Aaron", "Scott", "Kevin", "Simon", "Tomasz", "Kwame",
].map(given);

/** Very common surnames: picked often, so that unrelated people share them. */
export const COMMON_SURNAMES: readonly string[] = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
  "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
  "Patel", "Khan", "Lewis", "Hughes", "Edwards", "Thomas", "Harris", "Turner", "Martin", "Cooper",
  "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan",
];

export const RARER_SURNAMES: readonly string[] = [
  "Fairbrother", "Hebblethwaite", "Ormerod", "Pilkington", "Tattersall", "Ackroyd", "Birtwistle",
  "Cropper", "Duckworth", "Entwistle", "Fothergill", "Greenhalgh", "Haworth", "Illingworth", "Jagger",
  "Kershaw", "Lumb", "Mottershead", "Nuttall", "Openshaw", "Pickles", "Quarmby", "Rothwell",
  "Sutcliffe", "Thistlethwaite", "Uttley", "Varley", "Whittaker", "Yeadon", "Aspinall", "Bamford",
  "Calvert", "Dewhurst", "Eccles", "Farrar", "Garside", "Heaton", "Ibbotson", "Jowett", "Kenyon",
  "Lister", "Marsden", "Naylor", "Oldroyd", "Pollard", "Ramsden", "Shackleton", "Tetley", "Wadsworth",
  "Ahmed", "Hussain", "Begum", "Ali", "Rahman", "Kowalski", "Nowak", "Okafor", "Adeyemi", "Mensah",
  "O'Brien", "Murphy", "Kelly", "McCarthy", "Nguyen", "Chen", "Singh", "Kaur", "Sharma", "Da Silva",
  "Costa", "Novak", "Gallagher", "Doherty", "Quinn", "MacLeod", "Fraser", "Lloyd", "Pritchard",
  "Vaughan", "Bellamy", "Cartwright", "Drinkwater", "Fenwick", "Goodall", "Hardcastle", "Lockwood",
  "Mellor", "Nicholls", "Proctor", "Redfern", "Stansfield", "Thorpe", "Wainwright", "Winterbottom",
];

/** The share of people given a very common surname. */
export const COMMON_SURNAME_SHARE = 0.35;
