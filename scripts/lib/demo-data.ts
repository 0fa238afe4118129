// Static tables for `npm run seed:demo` (scripts/seed-demo.ts): names, phone number plans,
// e-mail domains, companies, chat titles, agents and routing presets. Pure data, no logic.

export type Channel = "whatsapp" | "telegram" | "discord" | "slack" | "email" | "sms";

export interface DemoAgent {
  key: string;
  name: string;
  provider: string;
  model: string;
  description: string;
}

export const AGENTS: DemoAgent[] = [
  {
    key: "triage",
    name: "Support Triage",
    provider: "anthropic",
    model: "claude-sonnet-4",
    description:
      "First line of support: classifies incoming requests, answers FAQs from the help center and hands off anything account-specific.",
  },
  {
    key: "sales",
    name: "Sales Assistant",
    provider: "openai",
    model: "gpt-4.1",
    description: "Qualifies leads, answers pricing and plan questions and books demos with the sales team.",
  },
  {
    key: "moderator",
    name: "Community Moderator",
    provider: "openai",
    model: "gpt-4.1-mini",
    description: "Keeps community spaces friendly: welcomes newcomers, answers common how-tos and flags spam or abuse.",
  },
  {
    key: "billing",
    name: "Billing Specialist",
    provider: "anthropic",
    model: "claude-3-5-haiku",
    description: "Handles invoices, refunds, failed payments and plan changes; escalates disputes to finance.",
  },
  {
    key: "escalations",
    name: "Escalations Desk",
    provider: "anthropic",
    model: "claude-opus-4",
    description: "Takes over VIP and urgent conversations (outages, security, legal) with careful, detailed answers.",
  },
];

export interface DemoInstance {
  name: string;
  channel: Channel;
  /** AGENTS[].key of the instance's default agent, if any. */
  defaultAgent: string | null;
  /** Number of chats of each type to create on this instance. */
  chats: { dm: number; group: number; channel: number };
  /** Relative likelihood that a person has an identity here. */
  identityWeight: number;
}

export const INSTANCES: DemoInstance[] = [
  { name: "support-whatsapp", channel: "whatsapp", defaultAgent: "triage", chats: { dm: 50, group: 10, channel: 0 }, identityWeight: 32 },
  { name: "sales-telegram", channel: "telegram", defaultAgent: "sales", chats: { dm: 33, group: 8, channel: 4 }, identityWeight: 22 },
  { name: "community-discord", channel: "discord", defaultAgent: "moderator", chats: { dm: 12, group: 3, channel: 20 }, identityWeight: 18 },
  { name: "team-slack", channel: "slack", defaultAgent: null, chats: { dm: 8, group: 4, channel: 18 }, identityWeight: 9 },
  { name: "helpdesk-email", channel: "email", defaultAgent: null, chats: { dm: 27, group: 3, channel: 0 }, identityWeight: 20 },
];

/** Mobile number plans: NSN = one of `prefixes` followed by random digits up to `nsnLength`. */
export interface PhonePlan {
  code: string;
  nsnLength: number;
  prefixes: string[];
}

export const PHONE_PLANS: Record<string, PhonePlan> = {
  // North America: fictional 555-01XX numbers in real area codes.
  us: {
    code: "1",
    nsnLength: 10,
    prefixes: ["212", "213", "206", "303", "305", "312", "404", "415", "503", "512", "617", "646", "702", "713", "818"].map((a) => `${a}55501`),
  },
  gb: { code: "44", nsnLength: 10, prefixes: ["7400", "7412", "7450", "7511", "7712", "7723", "7800", "7828", "7900", "7911", "7956", "7970"] },
  br: {
    code: "55",
    nsnLength: 11,
    prefixes: ["1196", "1197", "1198", "1199", "2196", "2198", "2199", "3198", "3199", "4199", "4898", "5198", "5199", "6198", "6199", "7199", "8198", "8199", "8598"],
  },
  de: { code: "49", nsnLength: 11, prefixes: ["151", "152", "157", "160", "170", "171", "172", "175", "176", "177", "178", "179"] },
  mx: { code: "52", nsnLength: 10, prefixes: ["552", "553", "554", "555", "556", "332", "333", "334", "812", "813", "818"] },
  es: { code: "34", nsnLength: 9, prefixes: ["600", "610", "620", "630", "644", "655", "661", "676", "687", "699"] },
  fr: { code: "33", nsnLength: 9, prefixes: ["61", "62", "63", "64", "65", "66", "67", "68", "69", "75", "76", "77", "78"] },
  in: { code: "91", nsnLength: 10, prefixes: ["98", "99", "97", "96", "94", "93", "90", "88", "87", "81", "80", "70", "78"] },
  ng: { code: "234", nsnLength: 10, prefixes: ["803", "806", "813", "816", "703", "706", "810", "814", "903", "906", "805", "807", "809"] },
  jp: { code: "81", nsnLength: 10, prefixes: ["90", "80", "70"] },
  cn: { code: "86", nsnLength: 11, prefixes: ["138", "139", "135", "136", "150", "158", "186", "187", "177", "188", "159", "189"] },
  pl: { code: "48", nsnLength: 9, prefixes: ["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"] },
  ae: { code: "971", nsnLength: 9, prefixes: ["50", "52", "54", "55", "56", "58"] },
  eg: { code: "20", nsnLength: 10, prefixes: ["10", "11", "12", "15"] },
  kr: { code: "82", nsnLength: 10, prefixes: ["102", "103", "104", "105", "106", "107", "108", "109"] },
  it: { code: "39", nsnLength: 10, prefixes: ["320", "324", "328", "329", "333", "334", "335", "338", "339", "340", "345", "347", "348", "349", "366", "380", "389", "392", "393"] },
  ke: { code: "254", nsnLength: 9, prefixes: ["70", "71", "72", "74", "79"] },
};

export interface NameOrigin {
  key: string;
  /** Relative share of the population. */
  weight: number;
  first: string[];
  last: string[];
  /** Phone plans (keys of PHONE_PLANS) people of this origin usually have. */
  phones: string[];
  locale: string;
  /** Local e-mail providers, mixed with the global ones. */
  mailDomains: string[];
  /** Family name first ("Tanaka Yuki") is a plausible way to write the name. */
  familyFirst?: boolean;
}

export const NAME_ORIGINS: NameOrigin[] = [
  {
    key: "us",
    weight: 14,
    first: ["Emily", "Michael", "Sarah", "David", "Jessica", "Christopher", "Ashley", "Matthew", "Amanda", "Joshua", "Megan", "Tyler", "Brittany", "Kevin", "Lauren", "Brandon", "Rachel", "Justin", "Hannah", "Ryan", "Jonathan", "Madison", "Marcus", "Keisha"],
    last: ["Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Coleman", "Brooks"],
    phones: ["us"],
    locale: "en-US",
    mailDomains: ["aol.com", "comcast.net"],
  },
  {
    key: "br",
    weight: 12,
    first: ["Ana", "João", "Mariana", "Pedro", "Beatriz", "Lucas", "Camila", "Rafael", "Juliana", "Gabriel", "Larissa", "Thiago", "Fernanda", "Matheus", "Letícia", "Bruno", "Isabela", "Felipe", "Aline", "Gustavo"],
    last: ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Barbosa", "Rocha", "Araújo", "Cardoso", "Nascimento"],
    phones: ["br"],
    locale: "pt-BR",
    mailDomains: ["uol.com.br", "bol.com.br", "terra.com.br"],
  },
  {
    key: "in",
    weight: 10,
    first: ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Sneha", "Arjun", "Kavya", "Rahul", "Diya", "Aditya", "Pooja", "Karthik", "Meera", "Siddharth", "Neha", "Ishaan", "Lakshmi", "Nikhil", "Aishwarya"],
    last: ["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Joshi", "Desai", "Chatterjee", "Banerjee", "Rao", "Pillai", "Kapoor", "Malhotra", "Verma", "Agarwal", "Menon"],
    phones: ["in"],
    locale: "en-IN",
    mailDomains: ["rediffmail.com", "yahoo.co.in"],
  },
  {
    key: "hisp",
    weight: 10,
    first: ["Alejandro", "Sofía", "Carlos", "Valentina", "José", "Diego", "Ximena", "Luis", "Daniela", "Javier", "Guadalupe", "Miguel", "Santiago", "Lucía", "Andrés", "Paula", "Emilio", "Renata", "Mónica", "Raúl"],
    last: ["García", "Hernández", "López", "Martínez", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes", "Jiménez", "Ruiz", "Vargas", "Castillo"],
    phones: ["mx", "mx", "mx", "es", "es"],
    locale: "es-MX",
    mailDomains: ["yahoo.com.mx", "hotmail.es", "prodigy.net.mx"],
  },
  {
    key: "gb",
    weight: 8,
    first: ["Oliver", "Amelia", "Harry", "Olivia", "George", "Isla", "Jack", "Poppy", "Charlie", "Freya", "Alfie", "Imogen", "Archie", "Eleanor", "Rory", "Niamh", "Callum", "Siobhan", "Hamish", "Ffion"],
    last: ["Smith", "Evans", "Hughes", "Roberts", "Wright", "Walsh", "Edwards", "Green", "Hall", "Wood", "Clarke", "Turner", "Murphy", "Campbell", "MacDonald", "O'Brien", "Llewellyn", "Fletcher", "Pritchard", "Whitfield"],
    phones: ["gb"],
    locale: "en-GB",
    mailDomains: ["btinternet.com", "sky.com", "outlook.co.uk"],
  },
  {
    key: "de",
    weight: 7,
    first: ["Lukas", "Lena", "Jonas", "Leon", "Mia", "Finn", "Lea", "Felix", "Johanna", "Maximilian", "Sophie", "Moritz", "Greta", "Jannik", "Klara", "Tobias", "Annika", "Niklas", "Jürgen", "Ute"],
    last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Zimmermann", "Braun", "Krüger", "Hartmann"],
    phones: ["de"],
    locale: "de-DE",
    mailDomains: ["gmx.de", "web.de", "t-online.de"],
  },
  {
    key: "fr",
    weight: 6,
    first: ["Camille", "Louis", "Chloé", "Hugo", "Manon", "Théo", "Léa", "Mathis", "Inès", "Antoine", "Juliette", "Baptiste", "Margaux", "Quentin", "Élodie", "Nicolas", "Clémence", "Julien", "Amandine", "Rémi"],
    last: ["Bernard", "Dubois", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garnier", "Fontaine", "Rousseau", "Chevalier", "Girard", "Bonnet", "Mercier", "Faure"],
    phones: ["fr"],
    locale: "fr-FR",
    mailDomains: ["orange.fr", "free.fr", "laposte.net"],
  },
  {
    key: "ng",
    weight: 6,
    first: ["Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Emeka", "Funmilayo", "Tunde", "Chiamaka", "Ifeanyi", "Yetunde", "Babajide", "Amara", "Kelechi", "Folake", "Obinna", "Zainab", "Segun", "Nneka", "Kwame", "Ama"],
    last: ["Okafor", "Adeyemi", "Okonkwo", "Eze", "Nwosu", "Balogun", "Adebayo", "Obi", "Olawale", "Chukwu", "Ogunleye", "Ibrahim", "Mensah", "Asante", "Danjuma", "Akinola", "Uche", "Oyelaran", "Bello", "Nnamdi"],
    phones: ["ng"],
    locale: "en-NG",
    mailDomains: ["yahoo.co.uk"],
  },
  {
    key: "ar",
    weight: 6,
    first: ["Mohammed", "Fatima", "Ahmed", "Aisha", "Omar", "Layla", "Youssef", "Mariam", "Khalid", "Noor", "Hassan", "Salma", "Karim", "Yasmin", "Tariq", "Huda", "Samir", "Rania", "Ibrahim", "Leila"],
    last: ["Al-Farsi", "Haddad", "Khoury", "Mansour", "Nasser", "Saleh", "Hamdan", "Aziz", "El-Sayed", "Rahman", "Qureshi", "Farouk", "Abdullah", "Sabbagh", "Darwish", "Hakim", "Karam", "Shalaby", "Zaki", "Bakr"],
    phones: ["ae", "eg"],
    locale: "ar-AE",
    mailDomains: ["hotmail.com"],
  },
  {
    key: "cn",
    weight: 5,
    first: ["Wei", "Xiuying", "Hao", "Meiling", "Jian", "Yan", "Lei", "Xin", "Tao", "Jing", "Bo", "Hui", "Qiang", "Ling", "Zhen", "Ying", "Ming", "Yu", "Xiaoyu", "Zihan"],
    last: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo"],
    phones: ["cn"],
    locale: "zh-CN",
    mailDomains: ["qq.com", "163.com"],
    familyFirst: true,
  },
  {
    key: "it",
    weight: 5,
    first: ["Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Lorenzo", "Martina", "Matteo", "Elena", "Davide", "Sara", "Federico", "Alessia", "Riccardo", "Simone", "Giorgia", "Andrea", "Elisa", "Stefano", "Beatrice"],
    last: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri"],
    phones: ["it"],
    locale: "it-IT",
    mailDomains: ["libero.it", "virgilio.it", "tiscali.it"],
  },
  {
    key: "jp",
    weight: 4,
    first: ["Haruto", "Yui", "Sota", "Hina", "Ren", "Sakura", "Yuto", "Aoi", "Takumi", "Mei", "Kenji", "Yuki", "Daiki", "Rin", "Kaito", "Emi", "Riku", "Nanami", "Shota", "Ayaka"],
    last: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Mori"],
    phones: ["jp"],
    locale: "ja-JP",
    mailDomains: ["yahoo.co.jp", "docomo.ne.jp"],
    familyFirst: true,
  },
  {
    key: "pl",
    weight: 4,
    first: ["Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Magdalena", "Paweł", "Joanna", "Michał", "Zofia", "Krzysztof", "Ewa", "Marek", "Aleksandra", "Jakub", "Natalia", "Wojciech", "Olena", "Dmytro", "Iryna", "Andrii"],
    last: ["Nowak", "Wójcik", "Mazur", "Krawczyk", "Kaczmarek", "Zając", "Król", "Wróbel", "Pawlak", "Michalak", "Sikora", "Baran", "Duda", "Szewczyk", "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchuk"],
    phones: ["pl"],
    locale: "pl-PL",
    mailDomains: ["wp.pl", "onet.pl", "o2.pl"],
  },
  {
    key: "ke",
    weight: 4,
    first: ["Wanjiru", "Otieno", "Achieng", "Kamau", "Njeri", "Mwangi", "Akinyi", "Kiprono", "Wambui", "Baraka", "Atieno", "Juma", "Nyambura", "Omondi", "Chebet", "Kibet", "Faith", "Brian", "Mercy", "Dennis"],
    last: ["Odhiambo", "Wanjiku", "Kiprotich", "Njoroge", "Ochieng", "Mutua", "Kariuki", "Onyango", "Wekesa", "Chege", "Kimani", "Owino", "Mutiso", "Rotich", "Kilonzo", "Maina"],
    phones: ["ke"],
    locale: "en-KE",
    mailDomains: ["yahoo.com"],
  },
  {
    key: "kr",
    weight: 3,
    first: ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Ji-woo", "Seo-jun", "Su-bin", "Hyun-woo", "Ye-jin", "Jae-won", "Eun-ji", "Sung-min", "Hye-jin", "Tae-yang", "Da-eun"],
    last: ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon"],
    phones: ["kr"],
    locale: "ko-KR",
    mailDomains: ["naver.com", "daum.net"],
    familyFirst: true,
  },
];

/** Phone plans for people who live abroad (mixed-origin names). */
export const DIASPORA_PHONES = ["us", "us", "gb", "de", "ae", "br"];

export const GLOBAL_MAIL_DOMAINS: Array<[domain: string, weight: number]> = [
  ["gmail.com", 45],
  ["outlook.com", 12],
  ["yahoo.com", 9],
  ["hotmail.com", 8],
  ["icloud.com", 8],
  ["proton.me", 4],
];

/** Fictional customer companies (used for work e-mail addresses and person metadata). */
export const COMPANIES: Array<{ name: string; domain: string }> = [
  { name: "Acme", domain: "acme.io" },
  { name: "Globex", domain: "globex.co" },
  { name: "Initech", domain: "initech.com" },
  { name: "Northwind Traders", domain: "northwind.io" },
  { name: "Contoso", domain: "contoso.com" },
  { name: "Fabrikam", domain: "fabrikam.com" },
  { name: "Tailspin Toys", domain: "tailspintoys.com" },
  { name: "Wide World Importers", domain: "wideworldimporters.com" },
  { name: "Hooli", domain: "hooli.xyz" },
  { name: "Vandelay Industries", domain: "vandelay.com" },
  { name: "Soylent", domain: "soylent.co" },
  { name: "Umbrella Logistics", domain: "umbrella-logistics.com" },
  { name: "Clínica Vida", domain: "clinicavida.com.br" },
  { name: "Bluth Company", domain: "bluth.co" },
  { name: "Stark Retail", domain: "starkretail.de" },
];

export const PLANS = ["free", "starter", "pro", "pro", "business", "enterprise"];
export const SIGNUP_SOURCES = ["website", "instagram-ad", "referral", "google-ads", "partner", "event"];
export const CUSTOMER_TAGS = ["vip", "beta", "churn-risk", "reseller", "onboarding", "needs-follow-up"];

/** Group / channel titles per instance (taken in order, then numbered if exhausted). */
export const GROUP_TITLES: Record<string, { group: string[]; channel: string[] }> = {
  "support-whatsapp": {
    group: [
      "Acme × Omni Support",
      "Globex Onboarding",
      "Beta Testers",
      "Field Technicians",
      "Store Managers – São Paulo",
      "Partner Resellers LATAM",
      "Delivery Drivers North",
      "Clínica Vida – Atendimento",
      "Initech Rollout",
      "Night Shift Support",
    ],
    channel: [],
  },
  "sales-telegram": {
    group: [
      "Omni Sales Team",
      "Enterprise Leads EMEA",
      "Reseller Partners",
      "Northwind Pilot",
      "Pricing Questions",
      "Demo Requests",
      "Hooli Procurement",
      "Vandelay Deal Room",
    ],
    channel: ["Omni Announcements", "Product Updates", "Deals & Promotions", "Release Notes"],
  },
  "community-discord": {
    group: ["Launch planning", "Mods", "Translators"],
    channel: [
      "#general",
      "#help",
      "#announcements",
      "#introductions",
      "#feature-requests",
      "#bug-reports",
      "#showcase",
      "#integrations-whatsapp",
      "#integrations-telegram",
      "#api-help",
      "#self-hosting",
      "#agents-and-prompts",
      "#beta-feedback",
      "#release-notes",
      "#support-en",
      "#support-pt",
      "#support-es",
      "#dev-chat",
      "#off-topic",
      "#moderation-log",
    ],
  },
  "team-slack": {
    group: ["#leadership", "#security-incidents", "#hiring-committee", "#finance-private"],
    channel: [
      "#general",
      "#support-escalations",
      "#sales-leads",
      "#eng-oncall",
      "#customer-feedback",
      "#billing-ops",
      "#product",
      "#releases",
      "#incidents",
      "#marketing",
      "#partnerships",
      "#random",
      "#design",
      "#data-team",
      "#qa",
      "#announcements",
      "#kudos",
      "#infra",
    ],
  },
  "helpdesk-email": {
    group: ["Globex Partners", "Initech Accounts Payable", "Contoso IT"],
    channel: [],
  },
};

/** Shared mailboxes used as the external ids of the helpdesk's group threads. */
export const EMAIL_GROUP_ADDRESSES = ["partners@globex.co", "ap@initech.com", "it-support@contoso.com"];

export const ROUTE_LABELS = [
  "VIP escalation",
  "After-hours",
  "Billing questions",
  "Beta testers",
  "Enterprise onboarding",
  "Lead qualification",
  "Spam shield",
  "Outage response",
  "Portuguese speakers",
  "Refund requests",
  "Key account",
  "Trial follow-up",
];

export const GATE_MODELS = ["claude-3-5-haiku", "gpt-4.1-mini", "gpt-4.1-nano"];

export const GATE_PROMPTS = [
  "Respond only when the message is a billing, invoice or refund question. Otherwise stay silent.",
  "Only reply if someone mentions @omni or asks a direct question about the product.",
  "Stay silent unless the message reports an outage, a bug, or an urgent account problem.",
  "Only answer pricing, plan and upgrade questions; leave everything else to the team.",
  "Ignore greetings, stickers and small talk; reply only to messages that need an actual answer.",
  "Reply only when the sender is asking for help with setup or onboarding.",
];

/** Which agents fit an instance best (AGENTS[].key), used when drawing route agents. */
export const INSTANCE_AGENT_AFFINITY: Record<string, string[]> = {
  "support-whatsapp": ["triage", "triage", "billing", "escalations"],
  "sales-telegram": ["sales", "sales", "billing", "escalations"],
  "community-discord": ["moderator", "moderator", "triage"],
  "team-slack": ["escalations", "triage", "billing", "sales"],
  "helpdesk-email": ["triage", "billing", "billing", "escalations"],
};

/** Common spelling variants used to build near-identical duplicate names. */
export const NAME_VARIANTS: Record<string, string> = {
  Mohammed: "Muhammad",
  Jonathan: "Jonathon",
  Michael: "Micheal",
  Sarah: "Sara",
  Katarzyna: "Kasia",
  Aleksandra: "Alexandra",
  Christopher: "Chris",
  Matthew: "Matt",
  Yasmin: "Yasmine",
  Layla: "Leila",
  Andrii: "Andriy",
  Dmytro: "Dmitry",
  Olena: "Elena",
  Rachel: "Rachael",
  Jessica: "Jess",
  Isabela: "Isabella",
  Philip: "Phillip",
  Nicolas: "Nicholas",
};
