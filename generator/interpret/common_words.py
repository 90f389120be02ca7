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
absence absolve addy agent aggression alain alden aldo align allen alto amending ancient archaic ardent area aren
argent ascendant ascent attending audience awry baba babble babbling babe babs babu bach backroom baggage bags baht
balding balling ballots ballroom band bandage bane bank bans baring barking barley barrack barring bars bart barth
base bases bash basil basin basis bask bastion batch bate bathe bats bays beads beaks beaming beams bearing bearings
bears beast beasts beat beating beats becoming beech beef bert bess beth billion bing blacked blah blaming blazing
bleach blimp blinked blob bloom blooming blot blowing blue blueberry blum blunt blur blurb blurring boar boarding
boas boast boasts bobbing boiling bolt bonding bong boob booby booing book booking bookings boon boop boos boot
booting boots bosom boss bossy both bounty bout bowling bracing bracket brad brag brah braking bram bran bras brash
brat brats bray breach breached breaches breadth breathless bret brie briefing brit britons broke broker brom
brooding broom broth buckles bulb bulge bullion bumble bumbling bump bumps bunch bundles bunt burg burn burnt burr
burt bury bush bust bustling busts busy bute butte cabo cade cafe cage cain cake cale came cancers cane cannon canon
canton cape caption cara carb card care cared carer caring carl carlson carlton carly carnage caro carp carpool carr
carry cart cartman carton cartons cartoonist carve cary case caste castile cate cattle caution cava cavs chai chan
chanel chapin char chassis child chile chill chilli chin chirp choir chuck chuckle chuckling chucky chun chung chute
cite claiming clair clamping clan class classed classes classify clear clicking clinched clinging clipping close
closed closer closes closest clover clubbing clunky clutched coach coders coker colbert combing comer comers conceal
concede conceit concept concepts concern concerns concerto conch concord concrete confers connect connery consent
consort content contest context contiguous continues continuum convent convert converts cornea corner corset cote
cough coupe course cove coven covert covet cracked cracker cracking cranking crave crawling cray craze cris criss
crouch crutch cube cure curly curvy cushing cutie dame damn dams dawn dearly debated debating deceased deck declare
declared declaring decrees deed deem deen deer defaced defeated defeating defeats defected defending defining
deflation deflected deflecting delayed delaying deleted deleting depending depleted depp descendant descent desmond
desolate dessert deviate deviated dick dilated dilation ding dipping disband discredit discrete dissent distaste
distinct distort distract doable dock doesn dogmatic doin doing donation dowd drain dramatist drank drastic draw
draws drifting drilling drink drinking driving droppings drown duct duet dump dunk dusk dusky dust duty dyeing egos
eighth eleanor elector element elevate elevated elevates elevation emil encode engineer engineers eric etching
ethereal evie exceeded exclusion exclusive expanded expansion expansive expend expended expensive expulsion extent
external extremity fact facts failing failings fairway fairy fait fallin fanbase fanning fanny faraday fare fared
fares farm farmed farming farms farr farrell farther faso fate fated faust fearing feast feasting feeling felling
fest fever fiend fifteenth fifth fifties filed filling fillings filming firewall fist fitting fitz flag flailing
flak flaming flaring flat flats flatten flatter flattery flaw flax flint flip flirting flor flow folding fooling
footing footy foray forcing forging forlorn forming forrest fort forte forth forts fouling fracking framing frat
freakin freeing freezing fretting fueling funky fuzz gagging gain gaining gambling garbage garde gardener gash gasp
gasping gave gentile getting ghosh given glassy glue glut good goode goody goof goon gosling gove grail gran granada
grander granola grant granted grassy grating gravely grin groin grossly grow grown grows gutting hail halal hale
halle hallo halo halt handled hanger hank hardy hash haul heady healy heave hell hess hibs hill hindered hippy hips
hist hits hock hone hong honored hook hoon horan horne horny hors huddled hugh hugo hugs hull hume hunched hundredth
hunk husk hype hyped immense incense incensed incentive indefinite infiniti ingenuity insanity insider install
instance instinct integrity intended intends intensify intents interns intersex intrusive inventive inverse jean
jeez jens jest keel keen kelp kemp kiel kilda kiln kilo kilt kinds lacy lady lang learner left leisure lesson lester
liao lido life lifted lifting lima limb limbo lime limp ling lingerie lino lint lise list literary littering load
lobe loft lone look loom loon loop loot lord lore loss lost love lowe lung lyft mace machete machinery maddy mage
magical mail maki mako mala male mali malt mane mani manus maoist marathi marching mare marston martine mash massage
massimo matching mate mated maul maximal maximus maze mead meal mean meant mechanic mechanics medical meet mellon
melt ment menus mesh mess messi meta midi might mike miki mill milly mimi mina minas mind minds mine mines ming minh
minibus minimal minimum minister mink minn minogue mins minster mint mints missile missy mist mite mixture moat
mobster moderator modulate monastery moniker monitor monsieur moor moose morse moser moto mousse mouthful moved
mover mowed muddled mule mull multiplex multiplied multiplier multiply munster musa muse musica musician musk must
musty mutt mystical nast natty nether netting neuer neve newer nina nodding noose norma norman norse nose nosy
nothin noticing noting notting odysseus offside olde onboard ordinate outbound outdone outline outlook outsider
outsiders outward overlay overtly pack packing padding pain pairing palate palin panning panting pants para paraded
parading parc pare pari paris parka parke parker parr pars parsing parte parti partied parting party partying
passing past pasting patch patched patches pats patting pausing peaking pease pecking peed peek peeking peel peer
peering pepe pepper perched perfect perk perkins pervert pest petty phat picking pinch pinochet pitcher place plaid
plan plank playin pleas plot plots plow ploy poached poet poets police poll polling polo pomp ponder pont poof pooh
poole poor pope poppies poppins porches pore pork port ports pose post posting posts pots potts pouring pout power
praying prep prepping present prevent prod prolong prone pronged prop propping psyched puke pumping punched punches
pune puree purge purging puri purr purse purses push quaker quark quicken quilt quilted quintet quirk quit quito
quits quote rabid raged raid rally ramble ramp ramping ranged raped rapper rapping raps rasa rash ready realty realy
reaping rear receiver redd reddy redox reds reed reeds refinance regulate regulator reilly related relates relaxes
relayed released reloaded remedy remixed remnant remo remote renamed reno repeal repent replaced replayed repo
resonate retainer retro revere revered reverse revert rice ride rides riding rife rigged rigging ringing rinse
rioting ripe risen risers risk risking risks rite rites road roam robo root rose roses rotted rouge roughly
rubble rugged ruse saba sacking sade safe sagan sage sake sala sale sally salve sama sami sams sana sane sara sata
save scaling scaly scar scare scarf scaring scars scat scatter scattering science scots screech seal sealing seam
sean searing seas seconded secondly sect seeking seen sega sell semen sending senegal sensing sent sept serenity
serie serious serrano serves seventh sever severed severely severity severn severus shading shaffer shaft shaking
shall shalt shame shaming shaping shard share sharing shark sharpe sharpen shat shatter shattering shatters shaving
shay shearer shell shelly shelter shifter shingle shining shirt shits shocking shoes shoot shooter shoots shop shops
shore shorts shoulda shoulder shout shouted shouts show showed shows shrinking shuts shutter shutters sibling sift
sifting sighing signing silk silks sill sills singing sink sipping sire sitting sixth skating skill skinner slacking
slap slash slay slaying slew slice slid slide slim slinging slip slob slog sloop slope slot sloth slots slush slut
smacking smart smarter smelt smoking snacking snell sniping snort snorted snow soapy soared soaring sobbing soda
sofia sold solis solving soma sona soot sora sorting sosa soup soups sourcing spacex spade spaniard spanking spare
sparing sparking spat spate speak speaker speaking specter spell spending spice spiking spiky spill spinner spinning
spitzer splinter split splitter spook spooks spool sport spots spotted spotter spout sprained spurious squash stab
stacking stacy stag staging stahl stained staked staking stale stalk stalker stalking stamp stan standing stanford
stank star staring start started starter starters stat stating stead steak steal steiner stem steven stick sticker
stickers sticking sticks stiffer sting stinger stinging stingy stint stocking stoddard stood stoop stop stow strains
stranded strapped stray strayed stream streep stretch stretchy striker string stringer striped strung stryker
stunner stunning stunted sucking sully superb supper sutter sven swam swami swap swat sway swaying sweat swell
swinger swinging syncing tales tammy taxa teary tend tenet tenn tens tenth test text thee ther there thicke thier
thine thing think thinker thirsty thon thorne thought threat threaten threats threw thrifty thrive throng through
thump tick tides tidy ties tile tiled tilts timed timer timers timmy tina ting tins tint tires titles tonic tony
took tool tools toon tooth topic topical torch torn tort total totaled totality totalled toto tots tough tout toxin
track tramp treated tree trent trick trifle tropical trot trough truce trunk tube tuck tummy tuna turd turf turin
turk twin twine tyrone underrated undersea undertaker underway underwent unproven unspoken user uttered vacation
valence validation valley valuation vane velvet venison verizon vesicles vincent violet violets violins virulent
wade wafer wager waiter walter wand want wasn waterhouse waver wear weed week weep wellness wendy whale whipped
whiskers whiskey white whitley whittle whole whoo wien wife wild wilde wine wing wink winn wins wipe wire wise
witness workhouse wreak wrestle
"""
NOT_TYPOS: frozenset[str] = frozenset(_WORDS.split())
