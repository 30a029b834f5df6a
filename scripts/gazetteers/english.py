"""Common English: stopwords and everyday words.

The lists are built in, so the build is reproducible without any dictionary package. A single-word
pattern that is one of these words is an "ordinary English word": several real method names are
(Lion, Primer, Performer), others are just junk.
"""

from __future__ import annotations


def wordlist(text: str) -> list[str]:
    """Whitespace-separated word list (keeps the long lists below readable)."""
    return text.split()


STOPWORDS = frozenset(
    wordlist(
        """
        a an the of for and or in on at to from by with without via into onto over under we our us you
        your it its they their them this that these those is are was were be been being has have had do
        does did can could may might will would should shall must not no nor as than then so such both
        each either neither all any some many much more most few less least other another same own very
        too also only just even still yet again further here there when where why how what which who
        whom whose while whereas if unless because since until about above below between through during
        before after against among across per upon within versus vs etc new using based towards toward
        """
    )
)

# Everyday English words (lowercase). A single-word pattern that is one of these is an "ordinary

COMMON_EN = frozenset(
    wordlist(
        """
        able accept access account accordion act action active activity actual add address advance
        advice advising affect age agent agree aid aim air align alone alter amount angle animal answer
        apple apply approach area argue arm army art article ask aspect assist attack attempt attend
        attention author auto average avoid aware away baby back bad bag balance ball band bank bar base
        basic basis bear beat beauty become bed begin behavior belief bell belt benefit best better big
        bill bird bit black blank blender block blood blue board boat body bond book boost border boss
        bottle bottom box boy brain branch brand bread break bridge bright bring broad brother brown
        budget build burn bus business busy buy cake call calm camera camp capital car card care career
        carry case cash cast cat catch cause cell center central chain chair challenge chance change
        channel chapter character charge chart check chief child chimera choice choose church circle
        city civil claim class clean clear climb clock close cloud club coach coast coat code coffee
        cold collect college color column combine come comfort command comment common community company
        compare complete concern condition connect consider contact contain content context continue
        contract control cook cool copy core corner cost count country couple course court cover crack
        craft crash cream create credit crew crime critic cross crossbow crowd cup current curve custom
        customer cut cycle daily damage dance danger dark date daughter day dead deal dear death debate
        debt decide deep defense deflation degree delay deliver demand demon depth design desk detail
        develop device die diet difference dinner direct direction dirt discover dish display distance
        divide doctor dog door double doubt down draft drama draw dream dress drink drive drop dry due
        dust duty early earth east easy eat economy edge edit effect effort egg election electric
        element else empty end enemy energy engine enjoy enter entry environment equal escape estate
        evening event evidence exact exam example exchange exercise exist exit expect expert explain
        explorer express extend extra eye face fact factor fail fair faith fall family fan far farm
        fashion fast father fault favor fear fee feed feel female fight figure file fill film final
        finance find fine finger finish fire firm first fish fit fix flag flat flight flip floor flow
        flower fly focus fold follow food foot force foreign forest forget fork form forward
        fragmentation frame free fresh friend front fruit fuel full fun fund future gain game garden gas
        gate gather general gift girl give glass goal gold good government grab grade grand grant grass
        gravity great green ground group grow guard guess guest guide gun guy habit hair half hall
        hamburger hand handle hang happy hard harm hat head health hear heart heat heavy height hello
        help hero herring hide high hill hire history hit hold hole holiday home hope horse host hot
        hotel hour house human hunt hurt idea impact import income increase industry info inside
        instance interest internet iron island issue item jigsaw job join joint jukebox judge jump
        junior keep kick kid kill kind king kitchen knee knife know lab labor lack lady lake land large
        last late laugh launch law lawyer lead leader leaf leave lecture leg legal length lesson letter
        level library life lift light limit line link lion list listen live load loan local lock long
        look loss lot love low luck lunch macaw magazine mail main major make male man manage manner map
        mark market master match material matter maximum meal mean meat media medium meet member mention
        menu message metal middle might mile milk mind minimum minute mirror miss mission mistake mix
        mobile mode modern moment money monitor month mood moon morning mother motor mountain mouse
        mouth move movie music name nation native natural nature near neck need news night noise none
        normal north nose note notice novel number nurse object offer office official oil open opinion
        option order ordinary origin outcome owner pace pack page pain paint pair panel paper parallax
        parent park parrot part party pass past path patient pay peace peak pen people perfect performer
        period person phone photo physical piano pick picture piece pilot pitch place plan plane plant
        plastic plate play player pleasure plenty plot pocket poem poet point police policy pool poor
        pop population position post pot power practice prepare present press pressure price pride
        primary primer prime print prior priority prison private prize problem produce product profile
        program progress project promise proof property public pull pulse purpose push put quality
        quarter queen question quick quiet race radio rain raise range rate reach read ready real reason
        record red region release remote rendezvous rent repair repeat reply report request rescue
        reserve resource rest result retrace return review reward rice rich ride right ring rise risk
        river road rock role roll roof room root rope round route row rule run rush safe safety sail
        sale salt sand save scale scene schedule scheme scholar school science score screen sea search
        season seat second secret section sector secure security seed select self sell send senior sense
        series serve service session set shape share sharp sheet shelf shift ship shirt shock shoe shoot
        shop short shot shoulder show side sign signal silver simple sing single siren sister site size
        skill skin sky sleep slice slide slip small smart smell smile smoke snow social society soft
        soil soldier solid solution song sort sound soup soups source south space speaker special speech
        speed spend spirit split sport spot spread spring square staff stage stand standard star start
        state station status stay steal step stick still stock stone stop store storm story strategy
        street strength stress strike string strong structure student studio study stuff style subject
        success sugar suit summer sun supply support surface surprise survey sweet swim switch
        synthesizer table tail take talk target taste tax tea teach team tear television tell tennis
        term theme thing thought threat ticket tie time tip title today tone tool top topic total touch
        tour town track trade traffic transport travel treat tree trial trick trip trouble truck trust
        truth try turn type uncle union unit upper use user value verse victory view village visit
        visual voice volume vote wait walk wall war warm wash watch water wave way weak wealth weapon
        wear weather web week welcome west wheel white whole wife will win wind window wine wing winner
        winter wire wish wizard woman wonder wood word work worker world worry write writer yard year
        young youth zone
        """
    )
)


def is_english(word: str) -> bool:
    """Is ``word`` (any casing) an everyday English word or a stopword?"""
    return word.lower() in COMMON_EN or word.lower() in STOPWORDS
