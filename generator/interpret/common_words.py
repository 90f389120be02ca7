"""Common English words that stemming or a one-letter slip would turn into a lexicon word meaning something else.

Only a word that is not a word can be a typo: "west" is not "wet", "start" is not "shart", "engineer" is no engine.
This list holds those of the 40,000 most frequent English words (wordfreq's top_n_list("en", 40000)) that the
resolver in `local.py` would otherwise have fuzzy-matched, plus a few whose stem misleads ("caring"), less a few
more likely meant as our word ("ballon"). Rebuild it when the lexicon grows: in a scratch environment with
wordfreq installed, run those words through `local.resolve` with this set empty and keep the ones that resolve
to a word that is not one of their stems.
"""

from __future__ import annotations

_WORDS = """
aaa absence absolve aces addy aged agent aggression agnes airline airplay alain alden aldo ales align allen alto
amending ames ancient ange angel angler ante apes archaic ardent area aren ares argent ascendant ascent assumed
attending audience auger awry axes baba babble babbling babe babs babu bach backroom baer baggage bags baht bain
baird bald balding ball balling ballots ballroom band bandage bane bank bans barb bard bare barf bari baring bark
barking barley baron barr barrack barre barren barring bars bart barth base baseman bases bash basil basin basis
bask bastion batch bate bathe bats battle bays bead beads beak beaks beal beam beaming beams beard bearing bearings
bears beast beasts beat beating beats beau becket becoming bedrock beech beef beep beer beet bell benny bering bern
bert bess beth bill billion bind bing blacked blah blaming blazing bleach blimp blinked blob bloom blooming blot
blowing blue blueberry blum blunt blur blurb blurring boar boarding boas boast boasts bobbing bobs boeing bogs
boiling boing bois bolt bond bonding boned bong bonny boob booby booed booing book booking bookings boon boop boos
boot booting boots bore bores born bose bosh bosom boss bossy both bots bounty bout bowed bowing bowling bows boyd
boyz bracing bracket brad braden brag brah braking bram bran bras brash brat brats bray breach breached breaches
breadth breathless bred bret brie briefing bring brit britons broke broker brom brooding broom broth buckles bulb
bulge bulk bullion bumble bumbling bump bumps bunch bundles bundy bunt burg burn burnt burr burt bury bush bust
bustling busts busy bute butte byrd cabo cade cafe cage cain cake calc cale calf cali calum came cancers cane
canning cannon canon canton cape caption cara carb card care cared carer caring carl carlson carlton carly carnage
caro carp carpool carr carry cart cartman carton cartons cartoonist carve cary case cass caste castile cate catering
cath cato cattle caution cautious cava cavs chai chan chanel channing chanting chapin chapter char charging charing
charming charter charting chasing chassis chatted chatter chattering chatting check cheek cheeks cheery cheesy chic
chica chico child childress chile chill chilli chin chirp chock choir chongqing chuck chuckle chuckling chucky
chugging chun chung chute cite claiming clair clam clamping clams clan clans clapper claps clash clasp class classed
classes classify claus claws clays clear click clicking clinched clinging clipboard clipping close closed closer
closes closest clover clubbing clunky cluster clustering clutched clutter coach coaster coders coker colbert collar
colonial colossus combing comer comers conceal concede conceit concept concepts concern concerns concerto conch
concise concord concrete confers confess confessed confidant confide confided confidence confine confined conjure
conjured connect connery consent consort consume consumed content contest context contiguous continent continues
continuum convent convert converts copious cornea corner corset cote cough coupe course cove coven covert covet cowl
cracked cracker cracking cranking crass crave crawling cray craze cream creamy creek creep creeps crick cringing
cris criss critter crouch crutch cube cure curly curvy cushing cutie dada dade dale dame damn damning dams dane
dante dare data dave dawn dawning daylight daze dearly debated debating deceased deck declare declared declaring
decrees deed deem deen deer defaced defeated defeating defeats defected defence defending deficit defining deflation
deflected deflecting delayed delaying delegated deleted deleting depending depleted depp descendant descent desmond
desolate dessert deviant deviate deviated dick differed difference differing dilated dilation dina dine diner ding
dingo dion dipping disband discredit discrete disparate dissent distaste distinct distort distract doable dock dodgy
doesn doge dogg dogmatic doin doing donation done donner donning dowd drain draining dramatist drank drastic draw
drawing draws dressed drifting drilling drink drinking driving drooling droppings drove drown drowning duct duet
dump dunk dunning dusk dusky dust duty dyeing egos eighth eleanor elector element elevate elevated elevates
elevation elicited emil encased encode engaged engages engineer engineers engraved enlarged eric etching ethereal
everton evicted evie exalted exceeded excise exclusion exclusive excused executed exerted existed exited expanded
expansion expansive expend expended expensive expired expulsion extent external extremity fact facts failing
failings fair faire fairs fairway fairy fait fallin fanatic fanbase fanning fanny faraday fare fared fares farm
farmed farming farms farr farrell farther faso fate fated faust fearing feast feasting feat federal feeling felling
ferrous fest festive fever fiat fiend fifteenth fifth fifties fighter fightin filed filling fillings filming
firewall fist fitting fitz flag flagging flailing flak flaming flanking flaring flashing flat flats flatten flatter
flattery flaw flax fled flee flesh flew flex flint flip flipping flirting float flor flow flyer folding fooling
footing footy foray forcing foresee forging forlorn forming forrest forster fort forte forth forts fouling fracking
framing fran francis frankie frat frau fray freakin freeing freezing freighter fret fretting frigate frigates fryer
fueling funky fuzz gagging gain gaining gambling garbage garde gardener gash gasp gasping gave genome gentile
germain getting ghosh gill gilt giro given glass glassy gliding glossy glue glut godzilla good goode goody goof goon
gosling gove grading grail gran granada grander granola grant granted granting grassy grating gravely greet greta
grieving grilling grin grinning gripping groin groom grossly grounding grow grown grows guerilla guiding guild guile
gutting hail halal hale halfway halle halliday hallo halo halt halting handing handled hanger hank harding hardy
harry hash haul head heading heady healy heave heed hell helm help helping herd herding heroin hess hibs hill
hindered hippy hips hipster hist historia historical hits hoarding hock hola hole holed holloway holm holo holster
holt holy hone hong honored hood hook hooking hoon hopping horan horde horne horny hors horst hose hosting houdini
house housing howling huddled hugh hugo hugs hull hume humorous hunched hundredth hunk hunted hurray husk hype hyped
iii immense incense incensed incentive indefinite infect infiniti ingenuity inject inquisition insanity insert inset
insider inspect install instance instinct integrity intended intends intensify intents interns intersex intrusive
inventive inverse jean jeez jelly jens jest jimbo jolla kang keel keen kelp kemp kidd kiel kilda kiln kilo kilt
kinds kink kino kiss kits kitts kong kung kutcher lace lacy lady lakh lame lane lang lange largo late learner
lecturers left leisure leon lesson lester lettuce levee lever lian liao libby lido lien life lifted lifting liking
lima limb limbo lime limp ling lingerie lining linn lino lint lipid lise list literary littering lived livin load
lobe locke locked locket loft loin lone look loom loon loop loot lord lore loss lost love lovely loving lowe luke
lung lyft lyon mace machete machinery maddy mafia mage magic magical maia mail maki mako mala male mali malia malt
mana mane manga mani manila manna manta manus maoist marathi marching mare maria marston martine mash massage
massimo matching mate mated matic matters matthews matures maul maximal maximus maze mead meal mean meaning meant
mechanic mechanics medal medical meet mellon melt melting mending ment mental menus merging mesh mess messi messing
meta metabolic metallica metering microscopy midi might mike miki mill milly mimi mina minas mind minds mine mines
ming minh minibus minimal minimum minister mink minn minogue mins minster mint mints missile missy mist mistress
mite mixture moan moat mobster moderator modesty modulate monastery moncton money moniker monitor mono monsieur mood
moor moore moose moot morn moron morse moser moto mousse mouthful move moved mover movin mowed muddled mule mull
multiplex multiplied multiplier multiply munster musa muse musica musician musk must musty mutt mystical nast natty
nether netting neuer neve newer nina nodding noose norma norman norse nose nosy nothin noticing noting notting
odysseus offside olde onboard ordinate otter outbound outdone outed outline outlook outsider outsiders outward
overlay overtly pack packing padding paddle pain painless pairing palate paler palin pamper pane panning panting
pants panty para paraded parading parc pare pari paris parity parka parke parker parr parry pars parsing parte parti
partied parting partly party partying passing past pasting pasty patch patched patches pats patting patty pauper
pausing payer peaking pease pecking peddle peed peek peeking peel peer peering peggy pepe pepper perched perfect
perk perkins pervert pest petty phat picking pike pile pinch pine pinochet pips pitcher place plaid plan planet
plank plano plans plant plaster plate playin pleas plot plots plow ploy poached poet poets police poll polling polo
pomp ponder pont poof pooh poole poor pope poppies poppins poppy porches pore pork port ports pose post posting
posts pots potts pouring pout power praying prep prepping present prevent princely princes printers process prod
prolong prone pronged prop propose propping pruning psyched pubic pudding puke pulling pulsing pumping punched
punches pune puree purge purging puri purr purse purses pursuing push pushing putting quaker quark queer quentin
quicken quilt quilted quintet quirk quit quito quits quote rabbi rabbis rabid race racket rafe raged rags raid rake
rally ramble ramp ramping range ranged rape raped rapper rapping raps rare rasa rash rate rave ready realty realy
reaping rear receiver redd reddy redox reds reed reeds refinance refrain refrained regan regulate regulator reilly
related relates relaxes relayed released reloaded remedy remixed remnant remo remote renal renamed reno repeal
repent replaced replayed repo resonate retained retainer retro revere revered reverse revert rhine rice ride rider
rides riding rife rigged rigging riker ringing rinse rioting ripe risen risers risk risking risks rite rites rivera
road roam robber robbers robbery robo rocked rocker rode romania romo roof rook roos root rose roses rosh rotted
rouge roughly rover royale rubbed rubble rudd rudi rugged rule rune ruse russ rust ruth saba sack sacking sacred
sade safe sagan sage sailing sake sala sale sally salve sama sami sams sana sanders sane sara sata save scaled
scaling scaly scamming scar scare scarf scaring scarred scars scat scatter scattering science scooped scooping
scoping scored scoring scots screech seal sealing seam seamless sean seared searing seas seconded secondly secrecy
secretary sect section securely sedation sedative seduction seeding seedling seeking seeming seen seep seer sega
segal seizing selective sell semen sending senegal sensing sent sept serena serenity serie serious serrano serves
seventh sever severed severely severity severn severus sewed shack shading shady shaffer shaft shake shaking shall
shalt shambles shame shaming shaping shard share shared sharing shark sharpe sharpen shat shatter shattering
shatters shaving shay shearer shedding sheep shell shelly shelter shifted shifter shingle shining shirt shits
shocking shoes shook shoot shooter shooting shoots shop shopped shopping shops shore shorts shoulda shoulder shout
shouted shouts shoving show showed showing showings shows shrinking shuts shutter shutters sibling siding sift
sifting sighing signing silk silks sill sills silt singing sink sino sipping sire sissy sitting situation sixth
skating skill skilled skimming skinner slacking slamming slap slapping slash slay slaying sleek sleeping sleet slew
slice slicing slick slid slide slim slimming slinging slip slipping slit slob slog sloop slope slot sloth slots slug
slush slut smacked smacking smart smarter smeared smelt smiling smog smoking smut snacking snape snare sneakers
sneezing snell sniffed sniping snooker snooping snoring snort snorted snow snowing snug soapy soared soaring sobbing
sock soda sofia sold solis solo solving soma sona soot sora sorting sosa soup soups sourcing sowing spacex spade
spalding spamming spaniard spanked spanking spare spared sparing sparked sparking spat spate speak speaker speaking
specter speedily spell spelling spending spewing spice spiking spiky spill spilled spilt spinner spinning spit
spitzer splicing splinter split splitter spock spoiled spook spooks spool spooner sport spots spotted spotter spout
sprained sprang spreading sprint sprung spurious spying squash squires stab stacked stacking stacy staffed stag
staging stahl stained stains stair stake staked staking stale stalk stalker stalking stallion stamp stan standing
stanford stank stanton star stare stared staring starred stars start started starter starters starved stat state
stateless stating stave stead steak steal steep steering steiner stem stemming stepping steven stick sticker
stickers sticking sticks stiffer sting stinger stinging stingy stint stirred stirs stock stocked stocking stoddard
stomping stoning stood stoop stop stopping storing stow strains stranded strapped stratton stray strayed streaked
stream streep stretch stretchy striker string stringer striped stroked strung stryker stuffed stunner stunning
stunted subprime suck sucking suction sully summarize summing sunrise superb supper suppressor surpassed sutter sven
swam swami swap swapping swarming swat sway swaying sweat sweep sweeping swell swinger swinging swiping swirling
syncing tales tammy taxa teaching teak teal team teaming teary teas teasing teeming tees telling tempe tend tending
tenet tenn tens tenth terrific test testified testing text texting thad thee ther there thicke thier thine thing
think thinker thirsty thon thorn thorne thought threat threaten threats threw thrifty thrive throng through thump
tian tick tides tidy tied tien tier tiered ties tile tiled tilts timed timer timers timmy tina ting tins tint tire
tires titanium titles todd toed told toll tonic tonnage tony took tool tools toon tooth topic topical torch tore
tori torn toro torrent torrents tort tory total totaled totality totalled toto tots tough touring tout town toxin
tracing track trad trading trail trait tramp trample tran treading treated treating treble tree trek trent tres trey
trick tried trifle trimble tron tropical trot trouble troubling trough truce trunk tryin tsar tube tuck tumbling
tummy tuna turd turf turin turk twain tweaking tween twin twine tyrone underrated undersea undertaker underway
underwent unproven unspoken user uttered vacation valence validation valley valuation vane vectors velvet venison
verizon vesicles vibrant vibrator viceroy victor victoria victorians victors vincent violate violation violet
violets violins virulent wade wafer wager wailing waiter walter wand wandering want warming warning warping warring
wary wasn watch waterhouse watershed wave waver weaning wear wearing wears weaving webbing weed weeding week weep
weeping welding wellness wendy whale whipped whiskers whiskey white whitley whittle whole wholly whoo wich wielding
wien wife wild wilde winch wine wing wink winn wins wipe wire wise witness wooded wording workhouse wreak wrestle
xxx xxxx yearning yoda yogi
"""
NOT_TYPOS: frozenset[str] = frozenset(_WORDS.split())
