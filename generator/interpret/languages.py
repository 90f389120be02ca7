"""Other languages: their words for what the local interpreter knows, as the English words it reads.

Each table maps a word or phrase (folded: lower case, accents dropped, so "mouillé" and "mouille" are one key) to
English words of the lexicon; the reader translates a prompt word by word before reading it, so grammar works the
same in every language ("plus mouillé" is "more wet", "nicht nass" is "not wet"). Inflections reach their key by
stripping the language's endings (`ENDINGS`): "mojadas" → "mojado", "nasser" → "nass". Russian words are found by
their stem (the longest key the word starts with), Japanese ones anywhere inside a run of text (no spaces).
Titles stay in English whatever the language.
"""

from __future__ import annotations

import functools
import re
import unicodedata


def _table(text: str, folded: bool = True) -> dict[str, str]:
    """Read "foreign = english; foreign = english" lines into a dict; a key listed twice is a mistake."""
    table: dict[str, str] = {}
    for entry in re.split(r"[;\n]", text):
        if not entry.strip():
            continue
        foreign, english = (part.strip() for part in entry.split("="))
        # An apostrophe splits words when a prompt is read ("sous l'eau" is read as "sous l eau").
        key = " ".join(re.split(r"['’\s]+", fold(foreign))) if folded else unicodedata.normalize("NFKC", foreign)
        if key in table:
            raise ValueError(f"{key!r} is listed twice")
        table[key] = english
    return table


def fold(text: str) -> str:
    """Lower case without accents: what a key is compared as."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


SPANISH = _table("""
pedo = fart; pedos = farts; peo = fart; pedito = small fart; ventosidad = fart; flatulencia = fart; cuesco = fart
mojado = wet; humedo = wet; aguado = watery; seco = dry; largo = long; corto = short; breve = short
fuerte = loud; ruidoso = loud; alto = loud; silencioso = silent; callado = quiet; bajito = quiet; suave = soft
agudo = high; grave = deep; profundo = deep; chillon = squeaky; chirriante = squeaky; aspero = raspy
liso = smooth; apretado = tight; flojo = loose; suelto = loose; aireado = airy; soplo = breathy
grande = big; gran = big; pequeno = small; chico = small; diminuto = tiny; enorme = huge; gigante = giant
rapido = quick; lento = slow; lentamente = slow; enojado = angry; enfadado = angry; furioso = furious
triste = sad; feliz = happy; alegre = happy; asustado = scared; miedo = scared; nervioso = nervous
timido = shy; orgulloso = proud; dormido = sleepy; sonoliento = sleepy; cansado = tired
sorprendido = surprised; sorpresa = surprise; pregunta = question; educado = polite; grosero = rude
apestoso = stinky; oloroso = smelly; burbujas = bubbles; burbuja = bubble; trueno = thunder
retumbante = rumbly; estruendo = rumble; trompeta = trumpet; trombon = trombone; tuba = tuba; pato = duck
globo = balloon; lancha = motorboat; ametralladora = machine gun; silbido = whistle; explosion = explosion
siseo = hiss; subiendo = rising; ascendente = rising; bajando = falling; descendente = falling
tembloroso = wobbly; entrecortado = stuttering; desgarrador = ripping; desgarrado = ripping; rasgado = ripping
crepitante = crackling; chapoteo = squelch; chirrido = creaky; pesado = heavy; continuo = continuous
gato = cat; perro = dog; raton = mouse; elefante = elephant; vaca = cow; cerdo = pig; caballo = horse
oso = bear; leon = lion; ballena = whale; pajaro = bird; abeja = bee; bebe = baby; nino = child
robot = robot; fantasma = ghost; monstruo = monster; dragon = dragon; dinosaurio = dinosaur; abuelo = grandpa
bano = bathroom; inodoro = toilet; vater = toilet; banera = bathtub; tina = bathtub; ducha = shower
piscina = pool; coche = car; carro = car; auto = car; iglesia = church; catedral = cathedral; sala = hall
pasillo = hallway; corredor = corridor; cueva = cave; tienda de campana = tent; ascensor = elevator
silla = chair; sofa = sofa; cama = bed; escalera = stairwell; espacio = space; afuera = outside
bajo el agua = underwater; reunion = meeting; boda = wedding; funeral = funeral; fiesta = party; clase = class
segundo = second; segundos = seconds; para siempre = forever; eterno = eternal; momento = moment
muy = very; realmente = really; un poco = a bit; poco = bit; ligeramente = slightly; extremadamente = extremely
super = super; demasiado = too; mas = more; menos = less; no = not; sin = without; nada = not
y = and; pero = but; luego = then; despues = then; y luego = then; seguido de = followed by; entonces = then
pausa = pause; otra vez = again; otro = another; de nuevo = again; primero = first; primer = first
ultimo = last; final = last; uno = one; una = a; un = a; unos = some; dos = two; tres = three; cuatro = four
cinco = five; seis = six; siete = seven; ocho = eight; nueve = nine; diez = ten; doce = twelve; docena = dozen
par = couple; veces = times; dos veces = twice; sonido = sound; haz = make; hazlo = make it; que = that
de = of; del = of the; el = the; la = the; los = the; las = the; en = in; con = with; como = like; suena = sounds
durante = during; eco = echo; sube = rising; baja = falling; bajo = low; resonante = echoing
""")

FRENCH = _table("""
pet = fart; pets = farts; prout = toot; caca = poop; flatulence = fart; pete = fart
mouille = wet; humide = wet; trempe = soggy; sec = dry; seche = dry; long = long; longue = long; court = short
bref = short; fort = loud; bruyant = loud; sonore = loud; silencieux = silent; discret = quiet; doux = soft
aigu = high; grave = deep; profond = deep; grincant = squeaky; rauque = raspy; rugueux = rough; lisse = smooth
serre = tight; lache = loose; souffle = breathy; aere = airy; gros = big; grand = big; petit = small
minuscule = tiny; enorme = huge; geant = giant; rapide = quick; vite = quick; lent = slow; lentement = slow
enerve = angry; colere = angry; fache = angry; furieux = furious; triste = sad; content = happy; joyeux = happy
heureux = happy; effraye = scared; peur = scared; apeure = scared; nerveux = nervous; timide = shy; fier = proud
endormi = sleepy; fatigue = tired; surpris = surprised; surprise = surprise; question = question; poli = polite
impoli = rude; malpoli = rude; puant = stinky; bulles = bubbles; bulle = bubble; tonnerre = thunder
grondement = rumble; trompette = trumpet; trombone = trombone; tuba = tuba; canard = duck; ballon = balloon
mitraillette = machine gun; sifflet = whistle; sifflement = whistle; explosion = explosion; chuintement = hiss
montant = rising; descendant = falling; tremblant = wobbly; hache = stuttering; saccade = stuttering
dechirant = ripping; dechire = ripping; crepitant = crackling; grincement = creaky; lourd = heavy
continu = continuous; chat = cat; chien = dog; souris = mouse; elephant = elephant; vache = cow; cochon = pig
cheval = horse; ours = bear; lion = lion; baleine = whale; oiseau = bird; abeille = bee; bebe = baby
enfant = child; robot = robot; fantome = ghost; monstre = monster; dragon = dragon; dinosaure = dinosaur
papi = grandpa; grand-pere = grandpa; salle de bain = bathroom; toilettes = toilet; wc = toilet
baignoire = bathtub; bain = bath; douche = shower; piscine = pool; voiture = car; eglise = church
cathedrale = cathedral; salle = hall; couloir = hallway; grotte = cave; caverne = cave; tente = tent
ascenseur = elevator; chaise = chair; fauteuil = armchair; canape = sofa; lit = bed; escalier = stairwell
espace = space; dehors = outside; sous l'eau = underwater; reunion = meeting; mariage = wedding
enterrement = funeral; fete = party; cours = class; seconde = second; secondes = seconds; toujours = forever
pour toujours = forever; eternel = eternal; instant = moment; tres = very; vraiment = really; un peu = a bit
peu = bit; legerement = slightly; extremement = extremely; super = super; trop = too; plus = more; moins = less
pas = not; ne = not; non = not; sans = without; pendant = during; echo = echo; monte = rising
descend = falling; et = and; mais = but; puis = then; ensuite = then
et puis = then; suivi de = followed by; apres = after; pause = pause; encore = again; de nouveau = again
autre = another; premier = first; premiere = first; dernier = last; derniere = last; un = a; une = a
deux = two; trois = three; quatre = four; cinq = five; six = six; sept = seven; huit = eight; neuf = nine
dix = ten; douze = twelve; douzaine = dozen; couple = couple; fois = times; son = sound; fais = make
fait = make; le = the; la = the; les = the; l = the; de = of; d = of; du = of the; des = some; dans = in
en = in; sur = on; avec = with; comme = like; qui = that; c = it; est = is; celui = one; il = it
s il vous plait = please; s il te plait = please; vous = you; fais le = make it
""")

GERMAN = _table("""
furz = fart; furze = farts; pups = toot; pupsen = fart; furzen = fart; darmwind = fart; blahung = fart
nass = wet; feucht = wet; triefend = soggy; trocken = dry; lang = long; kurz = short; laut = loud
leise = quiet; still = silent; sanft = soft; hoch = high; tief = deep; quietschig = squeaky
quietschend = squeaky; rau = raspy; kratzig = raspy; glatt = smooth; eng = tight; straff = tight
locker = loose; schlaff = loose; hauchig = breathy; luftig = airy; gross = big; klein = small; winzig = tiny
riesig = huge; riese = giant; schnell = quick; langsam = slow; wutend = angry; sauer = angry; bose = angry
zornig = furious; traurig = sad; frohlich = happy; glucklich = happy; verangstigt = scared; angst = scared
angstlich = scared; nervos = nervous; schuchtern = shy; stolz = proud; mude = sleepy; schlafrig = sleepy
uberrascht = surprised; uberraschung = surprise; frage = question; hoflich = polite; unhoflich = rude
frech = cheeky; stinkend = stinky; stinkig = stinky; blasen = bubbles; blase = bubble; donner = thunder
grollen = rumble; trompete = trumpet; posaune = trombone; tuba = tuba; ente = duck; ballon = balloon
luftballon = balloon; maschinengewehr = machine gun; pfeifen = whistle; pfiff = whistle
explosion = explosion; zischen = hiss; zischend = hiss; steigend = rising; fallend = falling
wackelig = wobbly; stotternd = stuttering; reissend = ripping; knisternd = crackling; knarrend = creaky
schwer = heavy; durchgehend = continuous; katze = cat; hund = dog; maus = mouse; elefant = elephant
kuh = cow; schwein = pig; pferd = horse; bar = bear; lowe = lion; wal = whale; vogel = bird; biene = bee
baby = baby; kind = child; roboter = robot; geist = ghost; gespenst = ghost; monster = monster
drache = dragon; dinosaurier = dinosaur; opa = grandpa; badezimmer = bathroom; bad = bathroom
toilette = toilet; klo = toilet; badewanne = bathtub; wanne = bathtub; dusche = shower; schwimmbad = pool
auto = car; wagen = car; kirche = church; dom = cathedral; kathedrale = cathedral; halle = hall; saal = hall
flur = hallway; gang = corridor; korridor = corridor; hohle = cave; zelt = tent; aufzug = elevator
fahrstuhl = elevator; stuhl = chair; sessel = armchair; sofa = sofa; couch = couch; bett = bed
treppenhaus = stairwell; weltraum = space; weltall = space; draussen = outside; unter wasser = underwater
besprechung = meeting; meeting = meeting; hochzeit = wedding; beerdigung = funeral; party = party
unterricht = class; sekunde = second; sekunden = seconds; ewig = forever; fur immer = forever; moment = moment
sehr = very; wirklich = really; echt = really; ein bisschen = a bit; bisschen = bit; etwas = a bit
leicht = slightly; extrem = extremely; total = totally; zu = too; mehr = more; weniger = less; nicht = not
kein = no; keine = no; ohne = without; und = and; aber = but; dann = then; danach = then; und dann = then
gefolgt von = followed by; nach = after; pause = pause; nochmal = again; noch einmal = again; wieder = again
noch = even; andere = another; erste = first; erster = first; letzte = last; letzter = last; ein = a
eine = a; einen = a; einem = a; eins = one; zwei = two; drei = three; vier = four; funf = five; sechs = six
sieben = seven; acht = eight; neun = nine; zehn = ten; zwolf = twelve; dutzend = dozen; paar = couple
mal = times; zweimal = twice; klang = sound; mach = make; mache = make; es = it; der = the; die = the
das = the; den = the; dem = the; im = in the; in = in; auf = on; mit = with; wie = like; ist = is
hoher = high; hohe = high; hohen = high; einer = a; eines = a; von = of; vom = of the
""")

PORTUGUESE = _table("""
peido = fart; peidos = farts; pum = toot; flatulencia = fart; bufa = fart
molhado = wet; umido = wet; encharcado = soggy; seco = dry; longo = long; comprido = long; curto = short
breve = short; alto = loud; barulhento = loud; forte = loud; silencioso = silent; quieto = quiet; baixinho = quiet
suave = soft; agudo = high; grave = deep; profundo = deep; estridente = squeaky; rangente = squeaky
aspero = raspy; liso = smooth; apertado = tight; solto = loose; frouxo = loose; soprado = breathy
grande = big; pequeno = small; minusculo = tiny; enorme = huge; gigante = giant; rapido = quick
lento = slow; devagar = slow; bravo = angry; irritado = angry; zangado = angry; furioso = furious
triste = sad; feliz = happy; alegre = happy; assustado = scared; medo = scared; nervoso = nervous
timido = shy; orgulhoso = proud; sonolento = sleepy; cansado = tired; surpreso = surprised; surpresa = surprise
pergunta = question; educado = polite; grosseiro = rude; fedorento = stinky; fedido = stinky; bolhas = bubbles
bolha = bubble; trovao = thunder; ronco = rumble; trompete = trumpet; trombone = trombone; tuba = tuba
pato = duck; balao = balloon; lancha = motorboat; metralhadora = machine gun; apito = whistle
assobio = whistle; explosao = explosion; chiado = hiss; subindo = rising; crescente = rising
descendo = falling; tremulo = wobbly; gaguejante = stuttering; rasgado = ripping; rasgando = ripping
crepitante = crackling; rangido = creaky; pesado = heavy; continuo = continuous; gato = cat; cachorro = dog
cao = dog; rato = mouse; elefante = elephant; vaca = cow; porco = pig; cavalo = horse; urso = bear
leao = lion; baleia = whale; passaro = bird; abelha = bee; bebe = baby; crianca = child; robo = robot
fantasma = ghost; monstro = monster; dragao = dragon; dinossauro = dinosaur; vovo = grandpa
banheiro = bathroom; privada = toilet; vaso = toilet; banheira = bathtub; chuveiro = shower; piscina = pool
carro = car; igreja = church; catedral = cathedral; salao = hall; corredor = corridor; caverna = cave
gruta = cave; barraca = tent; elevador = elevator; cadeira = chair; sofa = sofa; cama = bed
escada = stairwell; espaco = space; fora = outside; debaixo d'agua = underwater; reuniao = meeting
casamento = wedding; funeral = funeral; festa = party; aula = class; segundo = second; segundos = seconds
para sempre = forever; eterno = eternal; momento = moment; muito = very; bem = very; realmente = really
um pouco = a bit; pouco = bit; levemente = slightly; extremamente = extremely; super = super
demais = too; mais = more; menos = less; nao = not; sem = without; e = and; mas = but; depois = then
entao = then; e depois = then; seguido de = followed by; pausa = pause; de novo = again; outra vez = again
outro = another; primeiro = first; ultimo = last; um = a; uma = a; dois = two; duas = two; tres = three
quatro = four; cinco = five; seis = six; sete = seven; oito = eight; nove = nine; dez = ten; doze = twelve
duzia = dozen; par = couple; vezes = times; duas vezes = twice; som = sound; faz = make; faca = make
o = the; a = the; os = the; as = the; do = of the; da = of the; de = of; no = in the; na = in the
em = in; com = with; como = like; que = that; numa = in a; num = in a; durante = during; eco = echo
sobe = rising; desce = falling; peidinho = small fart
""")

ITALIAN = _table("""
scoreggia = fart; scoregge = farts; peto = fart; puzzetta = small fart; flatulenza = fart; loffa = silent
bagnato = wet; umido = wet; fradicio = soggy; secco = dry; asciutto = dry; lungo = long; corto = short
breve = short; forte = loud; rumoroso = loud; silenzioso = silent; piano = quiet; morbido = soft
acuto = high; grave = deep; profondo = deep; stridulo = squeaky; cigolante = squeaky; ruvido = raspy
rauco = raspy; liscio = smooth; stretto = tight; largo = loose; lento = slow; soffiato = breathy
arioso = airy; grande = big; grosso = big; piccolo = small; minuscolo = tiny; enorme = huge; gigante = giant
veloce = quick; rapido = quick; lentamente = slow; arrabbiato = angry; furioso = furious; triste = sad
felice = happy; allegro = happy; spaventato = scared; paura = scared; nervoso = nervous; timido = shy
orgoglioso = proud; assonnato = sleepy; stanco = tired; sorpreso = surprised; sorpresa = surprise
domanda = question; educato = polite; maleducato = rude; puzzolente = stinky; bolle = bubbles; bolla = bubble
tuono = thunder; rombo = rumble; brontolio = rumble; tromba = trumpet; trombone = trombone; tuba = tuba
anatra = duck; papera = duck; palloncino = balloon; motoscafo = motorboat; mitragliatrice = machine gun
fischio = whistle; esplosione = explosion; sibilo = hiss; crescente = rising; salente = rising
calante = falling; discendente = falling; tremolante = wobbly; balbettante = stuttering
strappo = ripping; strappato = ripping; scoppiettante = crackling; scricchiolante = creaky; pesante = heavy
continuo = continuous; gatto = cat; cane = dog; topo = mouse; elefante = elephant; mucca = cow
maiale = pig; cavallo = horse; orso = bear; leone = lion; balena = whale; uccello = bird; ape = bee
bambino = child; neonato = baby; robot = robot; fantasma = ghost; mostro = monster; drago = dragon
dinosauro = dinosaur; nonno = grandpa; bagno = bathroom; gabinetto = toilet; water = toilet
vasca = bathtub; vasca da bagno = bathtub; doccia = shower; piscina = pool; macchina = car; auto = car
chiesa = church; cattedrale = cathedral; duomo = cathedral; sala = hall; corridoio = hallway
grotta = cave; caverna = cave; tenda = tent; ascensore = elevator; sedia = chair; poltrona = armchair
divano = sofa; letto = bed; scala = stairwell; spazio = space; fuori = outside; sott'acqua = underwater
riunione = meeting; matrimonio = wedding; funerale = funeral; festa = party; lezione = class
secondo = second; secondi = seconds; per sempre = forever; eterno = eternal; momento = moment
molto = very; davvero = really; un po = a bit; po = bit; leggermente = slightly; estremamente = extremely
super = super; troppo = too; piu = more; meno = less; non = not; senza = without; e = and; ma = but
poi = then; e poi = then; dopo = then; seguito da = followed by; pausa = pause; ancora = again
di nuovo = again; altro = another; primo = first; ultimo = last; un = a; uno = a; una = a; due = two
tre = three; quattro = four; cinque = five; sei = six; sette = seven; otto = eight; nove = nine; dieci = ten
dodici = twelve; dozzina = dozen; paio = couple; volte = times; due volte = twice; suono = sound; fai = make
il = the; lo = the; la = the; i = the; gli = the; le = the; l = the; di = of; del = of the; della = of the
in = in; nel = in the; nella = in the; con = with; come = like; che = that; sul = on the; sulla = on the
durante = during; eco = echo; scoreggina = small fart; sale = rising
scende = falling
nello = in the
""")

DUTCH = _table("""
scheet = fart; scheten = farts; wind = fart; windje = small fart; poep = poop
nat = wet; vochtig = wet; doorweekt = soggy; droog = dry; lang = long; kort = short; luid = loud
hard = loud; stil = quiet; geruisloos = silent; zacht = soft; hoog = high; diep = deep; laag = deep
piepend = squeaky; piepje = squeak; rauw = raspy; ruw = rough; glad = smooth; strak = tight
los = loose; slap = loose; luchtig = airy; ademend = breathy; groot = big; dik = big; klein = small
piepklein = tiny; enorm = huge; reusachtig = huge; reus = giant; snel = quick; vlug = quick; traag = slow
langzaam = slow; boos = angry; kwaad = angry; woedend = furious; verdrietig = sad; treurig = sad; blij = happy
vrolijk = happy; bang = scared; angstig = scared; zenuwachtig = nervous; verlegen = shy; trots = proud
slaperig = sleepy; moe = tired; verrast = surprised; verrassing = surprise; vraag = question
beleefd = polite; onbeleefd = rude; brutaal = cheeky; stinkend = stinky; bubbels = bubbles; bubbel = bubble
bellen = bubbles; donder = thunder; gerommel = rumble; trompet = trumpet; trombone = trombone; tuba = tuba
eend = duck; ballon = balloon; speedboot = motorboat; machinegeweer = machine gun; fluitje = whistle
gefluit = whistle; explosie = explosion; gesis = hiss; sissend = hiss; stijgend = rising; dalend = falling
wiebelig = wobbly; stotterend = stuttering; scheurend = ripping; knetterend = crackling; krakend = creaky
zwaar = heavy; doorlopend = continuous; kat = cat; poes = cat; hond = dog; muis = mouse; olifant = elephant
koe = cow; varken = pig; paard = horse; beer = bear; leeuw = lion; walvis = whale; vogel = bird; bij = bee
baby = baby; kind = child; robot = robot; spook = ghost; geest = ghost; monster = monster; draak = dragon
dinosaurus = dinosaur; opa = grandpa; badkamer = bathroom; wc = toilet; toilet = toilet; bad = bathtub
badkuip = bathtub; douche = shower; zwembad = pool; auto = car; wagen = car; kerk = church
kathedraal = cathedral; zaal = hall; hal = hall; gang = hallway; gangpad = corridor; grot = cave; tent = tent
lift = elevator; stoel = chair; fauteuil = armchair; bank = sofa; bed = bed; trappenhuis = stairwell
ruimte = space; heelal = space; buiten = outside; onder water = underwater; vergadering = meeting
bruiloft = wedding; begrafenis = funeral; feest = party; les = class; seconde = second; seconden = seconds
eeuwig = forever; voor altijd = forever; moment = moment; heel = very; erg = very; zeer = very
echt = really; een beetje = a bit; beetje = bit; iets = slightly; lichtjes = slightly; extreem = extremely
super = super; te = too; meer = more; minder = less; niet = not; geen = no; zonder = without; en = and
maar = but; dan = then; daarna = then; en dan = then; gevolgd door = followed by; pauze = pause
nog eens = again; opnieuw = again; weer = again; nog = even; andere = another; eerste = first
laatste = last; een = a; twee = two; drie = three; vier = four; vijf = five; zes = six; zeven = seven
acht = eight; negen = nine; tien = ten; twaalf = twelve; dozijn = dozen; paar = couple; keer = times
twee keer = twice; geluid = sound; maak = make; het = it; de = the; van = of; in = in; op = on; met = with
als = like; die = that; dat = that; tijdens = during; scheetje = small fart; stijgt = rising; daalt = falling
""")

# Russian: a word is found by the longest stem it starts with ("мокрее" → "мокр" → wet); stems are at least
# three letters, and short words that would start too many others are listed whole in RUSSIAN_WORDS.
RUSSIAN_STEMS = _table("""
пердеж = fart; пердун = fart; пердет = fart; перден = fart; мокр = wet; влажн = wet
сух = dry; суш = drier; длинн = long; долг = long; коротк = short; короч = shorter; громк = loud; громч = louder
тих = quiet; тиш = quieter; высок = high; выш = higher; низк = deep; ниж = deeper; глубок = deep
писклив = squeaky; больш = big; маленьк = small; крошечн = tiny; огромн = huge; быстр = quick; медленн = slow
сердит = angry; злобн = angry; груст = sad; печальн = sad; весел = happy; радост = happy; испуган = scared
страшн = scary; слон = elephant; кошк = cat; мыш = mouse; собак = dog; пузыр = bubbles; гром = thunder
тромбон = trombone; пук = fart; лифт = elevator; эхо = echo; труб = trumpet; ванн = bathtub; туалет = toilet
машин = car; церк = church
собор = cathedral; пещер = cave; стул = chair; кресл = armchair; диван = sofa; секунд = seconds; пауз = pause
последн = last; перв = first; очень = very; чуть = slightly; немн = a bit; ребен = baby; малыш = baby
привиден = ghost; робот = robot; космос = space
""")
RUSSIAN_WORDS = _table("""
кот = cat; котик = cat; злой = angry; злая = angry; еще = more
больше = more; меньше = less; не = not; без = without; и = and; но = but; потом = then; затем = then
снова = again; опять = again; один = one; одна = one; два = two; две = two; три = three; четыре = four
пять = five; шесть = six; десять = ten; в = in; на = on; с = with; как = like
""")

# Japanese has no spaces: keys are found anywhere in a run of text, longest first. Its keys keep their marks
# (folding would turn ブ into フ).
JAPANESE = _table("""
おなら = fart; 屁 = fart; ぷう = toot; ブー = toot; 濡れた = wet; 濡れ = wet; 湿った = wet; 湿って = wet
ウェット = wet; びしょびしょ = soggy; 乾いた = dry; 乾いて = dry; 長い = long; 長く = long; 短い = short
短く = short; 大きい = big; 大きな = big; 大きく = big; 小さい = small; 小さな = small; 小さく = small
うるさい = loud; うるさく = loud; 大音量 = loud; 静か = quiet; 高い = high; 高く = high; 低い = deep; 低く = deep
速い = quick; 速く = quick; 早い = quick; 早く = quick; ゆっくり = slow; 遅い = slow; 遅く = slow; 怒った = angry
怒り = angry; 悲しい = sad; 悲しく = sad; 嬉しい = happy; 嬉しく = happy; 楽しい = happy; 楽しく = happy
怖い = scary; 怖く = scary; 怖がり = scared; 猫 = cat; ネコ = cat; 犬 = dog; イヌ = dog; 象 = elephant; ゾウ = elephant
ネズミ = mouse; 鼠 = mouse; 赤ちゃん = baby; ロボット = robot; 幽霊 = ghost; おばけ = ghost
お風呂 = bathtub; 風呂 = bathtub; 湯船 = bathtub; トイレ = toilet; 車 = car; 教会 = church; 洞窟 = cave
椅子 = chair; ソファ = sofa; 宇宙 = space; もっと = more; とても = very; すごく = very; めっちゃ = very
少し = a bit; ちょっと = a bit; 少ない = less; 少なく = less; 少なめ = less; それから = then; そして = then
次に = then; あとで = then; 最後 = last; 最初 = first; 泡 = bubbles; 雷 = thunder; トランペット = trumpet
秒 = seconds; もう一回 = again
一 = one; 二 = two; 三 = three; 四 = four; 五 = five; 六 = six; 七 = seven; 八 = eight; 九 = nine; 十 = ten
十二 = twelve; エレベーター = elevator; 三回 = three times; 二回 = twice; 一回 = once; 響く = echoing; エコー = echo
""", folded=False)

# Words of these tables that are also common English words (wordfreq's top 30,000, less the words the English
# lexicon knows): in a prompt of no other language they stay English ("a bad fart" is not in a German bathroom).
# Rebuild it with wordfreq in a scratch environment when the tables grow.
_LOOKALIKES = """
als alto angst ape auf auto avec bad bain bank bebe beer boos bose bravo c cane cao chat che chico com come como
con content court d da dan dans das dat de del della dem den der des descendant di die dix dom door dos douche
du due e eau ein el em en eng es est et fatigue fiesta final fort forte fur gang glad gran grand grande grave
groot gross hal halle hard heel het il ist kat klein l la lang largo las le lent leon leone les lit lo los lowe
ma mach mal mas met mit moe na nada nat ne nel nino nouveau novo o op os otto ours papi par para pas pause per
pet pete petit pets piano piccolo po pour premier premiere primer primo pups que qui reunion robo salle sans
scala sem sept sin slap som son sous sur te tina total tre tres um un una und une uno vogel von vous wal y zu
"""
ENGLISH_LOOKALIKES: frozenset[str] = frozenset(_LOOKALIKES.split())

# Words each language inflects, and what their endings come back as: (ending, replacement).
ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "es": (("os", "o"), ("as", "o"), ("a", "o"), ("es", ""), ("s", "")),
    "pt": (("os", "o"), ("as", "o"), ("a", "o"), ("es", ""), ("s", "")),
    "it": (("hissima", "o"), ("hissimo", "o"), ("issima", "o"), ("issimo", "o"), ("i", "o"), ("a", "o"), ("e", "o"),
           ("i", "e"), ("he", "o"), ("hi", "o")),
    "fr": (("euse", "eux"), ("euses", "eux"), ("es", ""), ("e", ""), ("s", ""), ("x", "")),
    "de": (("eren", ""), ("erer", ""), ("ere", ""), ("er", ""), ("en", ""), ("es", ""), ("em", ""), ("e", ""),
           ("r", ""), ("n", ""), ("s", ""), ("m", "")),
    "nl": (("ere", ""), ("er", ""), ("e", ""), ("st", ""), ("en", "")),
}
TABLES: dict[str, dict[str, str]] = {
    "es": SPANISH, "fr": FRENCH, "de": GERMAN, "pt": PORTUGUESE, "it": ITALIAN, "nl": DUTCH,
}
JAPANESE_PATTERN = re.compile("|".join(sorted(map(re.escape, JAPANESE), key=len, reverse=True)))
# Japanese negates after the word: 濡れてない, 長くない, 静かじゃない, エコーなし, 泡がない, 大きくありません.
# The ending counts only right after a known word (少ない, 危ない are words of their own).
JAPANESE_NEGATION = re.compile(r"(?:[てで]い?|[がはも]|じゃ|では)?(?:な[いくし]|無[いし]|ありません|ません|抜き)")
# What may stand between a word and the 少なめ (less) after it: nothing, or the particle marking the word.
JAPANESE_PARTICLES = frozenset({"", "を", "が", "は", "も"})
# Kana and kanji: a run of them is read by substring.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def is_japanese(word: str) -> bool:
    return bool(_CJK.search(word))


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


@functools.lru_cache(maxsize=4096)
def compound(language: str, word: str) -> str | None:
    """German and Dutch write a compound as one word: "Elefantenfurz" is "elephant fart", "kattenscheet" "cat fart".

    The word splits where both halves are known, the first maybe with a linking "n", "en", "s" or "e".
    """
    if language not in ("de", "nl") or len(word) < 6:
        return None
    for cut in range(len(word) - 3, 2, -1):
        head, tail = word[:cut], word[cut:]
        tail_key = inflected(language, tail)
        if tail_key is None:
            continue
        for link in ("", "n", "en", "s", "e", "es", "ien"):
            if link and not head.endswith(link):
                continue
            head_key = inflected(language, head[: len(head) - len(link)] if link else head)
            if head_key is not None:
                return f"{TABLES[language][head_key]} {TABLES[language][tail_key]}"
    return None


def is_particles(piece: str) -> bool:
    """A short run of hiragana between known Japanese words: particles and endings, nothing to say back."""
    return len(piece) <= 3 and all("\u3040" <= ch <= "\u309f" for ch in piece)


@functools.lru_cache(maxsize=16384)
def inflected(language: str, word: str) -> str | None:
    """The key of `language` an inflected `word` comes from ("mojadas" → "mojado"), or None."""
    table = TABLES[language]
    if word in table:
        return word
    for ending, replacement in ENDINGS[language]:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: len(word) - len(ending)] + replacement
            if base in table:
                return base
            # Dutch and German double a consonant before an ending: "natter" → "natt" → "nat".
            if not replacement and len(base) >= 4 and base[-1] == base[-2] and base[:-1] in table:
                return base[:-1]
            if language == "nl" and (open_syllable := _dutch_base(base)) in table:
                return open_syllable
    return None


def _dutch_base(stem: str) -> str:
    """A Dutch stem's base form, its vowel doubled and a voiced end unvoiced: "drog" → "droog", "boz" → "boos"."""
    end = {"z": "s", "v": "f"}.get(stem[-1], stem[-1])
    if len(stem) >= 3 and stem[-2] in "aeou" and stem[-3] not in "aeiou":
        return stem[:-1] + stem[-2] + end
    return stem[:-1] + end


def russian(word: str) -> str | None:
    """The English of a Russian word, whole or by its longest known stem."""
    if word in RUSSIAN_WORDS:
        return RUSSIAN_WORDS[word]
    for end in range(len(word), 2, -1):
        if word[:end] in RUSSIAN_STEMS:
            return RUSSIAN_STEMS[word[:end]]
    return None


def japanese(run: str) -> list[tuple[str, str | None]]:
    """A run of Japanese text as pieces in order: (text, its English) for known ones, (text, None) between them.

    A known word with its negative ending is one piece read as English puts it: 濡れてない is "not wet".
    """
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in JAPANESE_PATTERN.finditer(run):
        between = run[position : match.start()]
        if _lessened_last(pieces, between, match.group()):
            position = match.end()
            continue
        if between and not _negated_last(pieces, between):
            pieces.append((between, None))
        pieces.append((match.group(), JAPANESE[match.group()]))
        position = match.end()
    if position < len(run) and not _negated_last(pieces, run[position:]):
        pieces.append((run[position:], None))
    return pieces


def _lessened_last(pieces: list[tuple[str, str | None]], between: str, word: str) -> bool:
    """Fold 少なめ (less) into the known word before it, a particle apart at most: エコー少なめ, エコーを少なく are
    "less echo". False when `word` is no "less" or follows no known word."""
    if JAPANESE[word] != "less" or not pieces or pieces[-1][1] is None or between not in JAPANESE_PARTICLES:
        return False
    text, english = pieces[-1]
    pieces[-1] = (text + between + word, f"less {english}")
    return True


def _negated_last(pieces: list[tuple[str, str | None]], after: str) -> bool:
    """Fold a negative ending at the start of `after` into the known word before it; whatever follows the ending
    stays a piece of its own. False when `after` does not start with one (or follows no known word)."""
    negation = JAPANESE_NEGATION.match(after)
    if negation is None or not pieces or pieces[-1][1] is None:
        return False
    text, english = pieces[-1]
    pieces[-1] = (text + negation.group(), f"not {english}")
    if rest := after[negation.end() :]:
        pieces.append((rest, None))
    return True
