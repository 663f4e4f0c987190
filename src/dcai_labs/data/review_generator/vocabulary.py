"""What the review generator can talk about: categories, products, aspects and evaluative words.

Everything here is hand-written for this course. Two kinds of sentiment-bearing material appear:

* evaluative words (``great``, ``disappointing``, ``pleased``...): only words present in the VADER
  lexicon, whose valence decides their polarity and intensity (see :mod:`dcai_labs.data.review_generator.lexicon`);
* concrete observations about an aspect ("The battery is dead by lunchtime."): they carry sentiment
  through facts, not adjectives, which is what keeps the corpus from being separable by a word list.
  Their polarity is set by hand, in the ``positive`` / ``negative`` field that holds them.

Templates use ``str.format`` fields so one sentence fits singular and plural products and aspects:
``{product}``, ``{this}`` ("this"/"these"), ``{it}`` ("it"/"them"), ``{It}`` ("It"/"They"), ``{they}``
("it"/"they"), ``{is}``, ``{was}``, ``{isnt}``, ``{wasnt}`` agree with the product; ``{aspect}``,
``{a_is}``, ``{a_isnt}``, ``{a_was}`` agree with the aspect.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dcai_labs.data.review_generator.lexicon import WordPool, pool

# Evaluative words that suit any aspect or product ("The battery is excellent", "Overall it is poor").
# Their polarity and intensity come from VADER, not from their position in this list.
GENERAL_WORDS = pool(
    "great",
    "excellent",
    "good",
    "amazing",
    "wonderful",
    "fantastic",
    "superb",
    "outstanding",
    "impressive",
    "brilliant",
    "perfect",
    "flawless",
    "lovely",
    "nice",
    "fine",
    "okay",
    "acceptable",
    "adequate",
    "solid",
    "terrific",
    "awesome",
    "fabulous",
    "satisfactory",
    "terrible",
    "awful",
    "poor",
    "disappointing",
    "horrible",
    "bad",
    "weak",
    "lousy",
    "useless",
    "inadequate",
    "pathetic",
    "dreadful",
    "flawed",
    "inferior",
)

# Non-gradable words: "absolutely perfect" but never "very perfect" or "fairly awful".
EXTREME_WORDS = frozenset(
    (
        "excellent",
        "amazing",
        "wonderful",
        "fantastic",
        "superb",
        "outstanding",
        "brilliant",
        "perfect",
        "flawless",
        "terrific",
        "awesome",
        "fabulous",
        "gorgeous",
        "delicious",
        "terrible",
        "awful",
        "horrible",
        "useless",
        "pathetic",
        "dreadful",
        "disgusting",
    )
)

# Words that read naturally after a negation ("not bad at all", "isn't great").
DENIABLE_WORDS = pool("bad", "terrible", "awful", "disappointing", "poor", "great", "good", "impressive", "amazing")

# How the reviewer feels ("I'm pleased with it").
FEELINGS = pool(
    "happy",
    "pleased",
    "delighted",
    "thrilled",
    "satisfied",
    "impressed",
    "disappointed",
    "unhappy",
    "frustrated",
    "annoyed",
    "upset",
    "unimpressed",
)

# Verbs of liking ("I love it").
ATTITUDE_VERBS = pool("love", "adore", "enjoy", "like", "hate", "dislike", "regret")


@dataclass(frozen=True)
class Aspect:
    """One thing a reviewer can praise or criticise, such as a battery or a plot."""

    phrase: str
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    plural: bool = False
    #: evaluative words for this aspect: the general ones plus a few that suit it only
    #: ("itchy" fabric, "delicious" coffee).
    words: WordPool = GENERAL_WORDS


@dataclass(frozen=True)
class Product:
    name: str
    aspects: tuple[str, ...]
    plural: bool = False


@dataclass(frozen=True)
class Category:
    name: str
    products: tuple[Product, ...]
    aspects: dict[str, Aspect] = field(repr=False)
    #: neutral sentences that set the scene without judging anything.
    contexts: tuple[str, ...] = ()
    #: what one does with such a product: "the best novel I have ever *read*".
    experience: str = "owned"


def _aspect(
    phrase: str, positive: list[str], negative: list[str], *, plural: bool = False, words: tuple[str, ...] = ()
) -> Aspect:
    return Aspect(phrase, tuple(positive), tuple(negative), plural, GENERAL_WORDS + pool(*words))


ELECTRONICS = Category(
    "electronics",
    products=(
        Product("wireless earbuds", ("battery", "sound", "pairing", "fit", "build"), plural=True),
        Product("bluetooth speaker", ("battery", "sound", "pairing", "build")),
        Product("smartwatch", ("battery", "screen", "app", "pairing", "build")),
        Product("e-reader", ("battery", "screen", "build", "app")),
        Product("noise-cancelling headphones", ("battery", "sound", "fit", "pairing", "build"), plural=True),
        Product("tablet", ("battery", "screen", "speed", "build")),
    ),
    aspects={
        "battery": _aspect(
            "battery life",
            [
                "The battery easily lasts two full days.",
                "I only need to charge {it} about once a week.",
                "After a long weekend away the battery was still at half.",
                "Charging from empty takes barely an hour.",
            ],
            [
                "The battery is dead by lunchtime.",
                "The battery barely holds a charge for three hours.",
                "The battery drains even when {they} {is} switched off.",
                "After a month the battery already lasts half as long as it did.",
            ],
        ),
        "sound": _aspect(
            "sound quality",
            [
                "The bass is rich and the vocals come through clearly.",
                "Music sounds clean even at full volume.",
                "I can pick out instruments I never noticed before.",
            ],
            [
                "Everything sounds tinny and muffled.",
                "The sound crackles as soon as you turn the volume up.",
                "There is a constant hiss in the background.",
            ],
            words=("clear", "rich", "weak"),
        ),
        "pairing": _aspect(
            "bluetooth connection",
            [
                "Pairing with my phone took seconds.",
                "The connection never drops, even two rooms away.",
                "Switching between my laptop and phone just works.",
            ],
            [
                "The connection keeps dropping every few minutes.",
                "Pairing failed three times before it finally worked.",
                "Audio cuts out whenever my phone is in my pocket.",
            ],
        ),
        "fit": _aspect(
            "fit",
            [
                "{It} stay put even when I run.",
                "I can wear {it} all afternoon without any pressure.",
                "{It} sit comfortably over my glasses.",
            ],
            [
                "{It} start to hurt after twenty minutes.",
                "{It} keep slipping out when I walk.",
                "They press on my ears so much I have to take them off every hour.",
            ],
            words=("comfortable", "uncomfortable", "painful"),
        ),
        "build": _aspect(
            "build quality",
            [
                "The whole thing feels solid and well put together.",
                "{It} survived a couple of drops without a scratch.",
                "The buttons have a satisfying click.",
            ],
            [
                "The plastic creaked right out of the box.",
                "A button fell off after a week.",
                "The casing cracked the first time I dropped {it}.",
            ],
        ),
        "screen": _aspect(
            "screen",
            [
                "The screen is bright enough to read in direct sunlight.",
                "Text looks crisp and the colours are accurate.",
                "Even small print is easy to read on the screen.",
            ],
            [
                "The screen is hard to read outdoors.",
                "There is a dead pixel right in the middle of the screen.",
                "The screen scratches if you so much as look at it.",
            ],
            words=("clear", "vibrant", "gorgeous"),
        ),
        "app": _aspect(
            "companion app",
            [
                "The app is simple and does everything I need.",
                "Updates install quietly overnight.",
                "Setting everything up in the app took five minutes.",
            ],
            [
                "The app crashes every time I open the settings.",
                "You have to create an account just to change basic settings.",
                "Half the features in the app never load.",
            ],
            words=("confusing", "useful", "helpful", "frustrating", "annoying"),
        ),
        "speed": _aspect(
            "performance",
            [
                "Apps open instantly and nothing stutters.",
                "It handles video calls and a dozen tabs at once.",
                "Games run smoothly with no lag.",
            ],
            [
                "Opening the browser takes ages.",
                "It freezes whenever I switch between apps.",
                "Scrolling stutters even on simple web pages.",
            ],
            words=("responsive", "sluggish"),
        ),
    },
    contexts=(
        "I mostly use {it} on my commute.",
        "I use {it} at the gym and around the house.",
        "I'm not a tech person, so I only care about the basics.",
        "I bought {it} to replace an older model from another brand.",
        "I had been comparing a few models for weeks before ordering.",
    ),
)

KITCHEN = Category(
    "kitchen",
    products=(
        Product("chef's knife", ("sharpness", "handle", "durability", "cleaning")),
        Product("blender", ("power", "noise", "cleaning", "durability")),
        Product("coffee maker", ("taste", "speed", "cleaning", "durability")),
        Product("non-stick pan", ("coating", "heat", "handle", "cleaning")),
        Product("air fryer", ("results", "capacity", "cleaning", "noise")),
        Product("kitchen scale", ("accuracy", "durability", "cleaning")),
    ),
    aspects={
        "sharpness": _aspect(
            "blade",
            [
                "It slices tomatoes paper thin without any pressure.",
                "The edge is still sharp after months of daily use.",
                "It glides through onions and squash alike.",
            ],
            [
                "It crushes tomatoes instead of cutting them.",
                "The edge went dull within two weeks.",
                "I have to saw back and forth just to cut bread.",
            ],
        ),
        "handle": _aspect(
            "handle",
            [
                "The handle stays cool and feels secure in my hand.",
                "The grip is balanced and never slips, even when wet.",
            ],
            [
                "The handle gets too hot to touch.",
                "The handle wobbles and a screw keeps working loose.",
                "The grip is slippery as soon as it gets wet.",
            ],
            words=("comfortable", "uncomfortable"),
        ),
        "durability": _aspect(
            "durability",
            [
                "It still works like new after a year of daily use.",
                "It has survived being dropped on a tile floor.",
            ],
            [
                "It stopped working a week after the return window closed.",
                "Rust spots appeared after a couple of washes.",
                "A crack appeared along the base within a month.",
            ],
        ),
        "cleaning": _aspect(
            "cleanup",
            [
                "It goes straight into the dishwasher and comes out spotless.",
                "Rinsing it under the tap is all it takes to clean.",
            ],
            [
                "Food gets stuck in corners that no brush can reach.",
                "Cleaning it takes longer than the cooking did.",
                "It came out of the dishwasher with a cloudy film on it.",
            ],
            words=("easy",),
        ),
        "power": _aspect(
            "motor",
            [
                "It crushes ice in a few seconds.",
                "Frozen fruit turns into a smooth shake with no chunks.",
            ],
            [
                "It struggles with anything thicker than juice.",
                "The motor smelled like it was burning on the first use.",
                "Ice just spins around the blade without breaking.",
            ],
            words=("strong", "weak"),
        ),
        "noise": _aspect(
            "noise level",
            [
                "It is quiet enough to use while the baby sleeps.",
                "You can hold a conversation while it runs.",
            ],
            [
                "It is so loud that the neighbours could hear it.",
                "It rattles and screeches the whole time it runs.",
            ],
            words=("annoying",),
        ),
        "taste": _aspect(
            "coffee",
            [
                "The coffee comes out hot and full of flavour.",
                "It makes the best coffee I have had at home.",
            ],
            [
                "The coffee tastes burnt no matter which setting I use.",
                "The coffee comes out lukewarm and watery.",
                "Everything it brews has a plastic aftertaste.",
            ],
            words=("delicious", "bitter"),
        ),
        "speed": _aspect(
            "brewing time",
            [
                "A full pot is ready before I finish getting dressed.",
                "It heats up in under a minute.",
            ],
            [
                "It takes a quarter of an hour to brew a single mug.",
                "The warm-up takes forever in the morning.",
            ],
        ),
        "coating": _aspect(
            "non-stick coating",
            [
                "Eggs slide right off without a drop of oil.",
                "The coating still looks new after months of use.",
            ],
            [
                "The coating started flaking off after a month.",
                "Everything sticks to it, even with plenty of butter.",
                "The surface scratched on the first use with a wooden spoon.",
            ],
        ),
        "heat": _aspect(
            "heat distribution",
            [
                "It heats evenly from the centre to the edges.",
                "Pancakes brown evenly across the whole pan.",
            ],
            [
                "The middle burns while the edges stay raw.",
                "It warped the first time I used it on high heat.",
            ],
        ),
        "results": _aspect(
            "cooking results",
            [
                "Fries come out crispy on the outside and soft inside.",
                "Chicken wings cook through perfectly in twenty minutes.",
            ],
            [
                "Everything comes out dry and chewy.",
                "The food on top burns while the bottom is still frozen.",
            ],
            words=("delicious",),
        ),
        "capacity": _aspect(
            "basket size",
            [
                "The basket is big enough to feed a family of four.",
                "I can fit a whole chicken in the basket.",
            ],
            [
                "The basket barely holds one portion of fries.",
                "I have to cook in three batches for two people.",
            ],
            words=("adequate", "inadequate"),
        ),
        "accuracy": _aspect(
            "accuracy",
            [
                "It matches my bakery's scale to the gram.",
                "The reading settles instantly and never drifts.",
            ],
            [
                "The reading jumps around by ten grams at a time.",
                "It shows a different weight every time I put the same bowl on it.",
            ],
        ),
    },
    contexts=(
        "I cook almost every day, so I use {it} a lot.",
        "I bought {it} when we moved into our new flat.",
        "My old one finally gave up after years of service.",
        "I mostly cook simple weeknight dinners.",
        "I bought {it} during a sale last month.",
    ),
)

BOOKS = Category(
    "books",
    products=(
        Product("novel", ("plot", "characters", "writing", "pacing", "ending")),
        Product("thriller", ("plot", "characters", "pacing", "ending")),
        Product("cookbook", ("recipes", "photos", "instructions", "binding")),
        Product("biography", ("research", "writing", "pacing", "binding")),
        Product("picture book", ("illustrations", "story", "binding")),
        Product("fantasy novel", ("worldbuilding", "characters", "plot", "ending")),
    ),
    aspects={
        "plot": _aspect(
            "plot",
            [
                "Every chapter ends with a twist that made me keep reading.",
                "The story kept me up until two in the morning.",
                "I honestly did not see the final reveal coming.",
            ],
            [
                "I guessed the twist by chapter three.",
                "The story goes nowhere for the first two hundred pages.",
                "Half the subplots are simply dropped and never resolved.",
            ],
            words=("fascinating", "boring", "clever"),
        ),
        "characters": _aspect(
            "characters",
            [
                "The characters feel like people I could actually meet.",
                "I cared about every one of the main characters.",
            ],
            [
                "The characters are flat and all talk the same way.",
                "I could not keep the characters apart.",
                "The main character makes baffling decisions on every page.",
            ],
            plural=True,
            words=("charming", "interesting", "dull"),
        ),
        "writing": _aspect(
            "writing",
            [
                "The prose is lyrical without ever being showy.",
                "Some sentences were so well put that I read them twice.",
            ],
            [
                "The prose is clumsy and full of cliches.",
                "Every paragraph repeats what the previous one said.",
            ],
            words=("beautiful", "elegant", "lame"),
        ),
        "pacing": _aspect(
            "pacing",
            [
                "It moves quickly without feeling rushed.",
                "I finished it in two sittings.",
            ],
            [
                "The middle drags on for far too long.",
                "I kept checking how many pages were left.",
            ],
            words=("boring", "engaging"),
        ),
        "ending": _aspect(
            "ending",
            [
                "The ending tied everything together.",
                "The last chapter left me in tears, in a good way.",
            ],
            [
                "The ending felt rushed, as if the author ran out of time.",
                "The last chapter undoes everything that came before it.",
            ],
            words=("satisfying", "disappointing"),
        ),
        "recipes": _aspect(
            "recipes",
            [
                "Every recipe I have tried worked the first time.",
                "The recipes use ingredients I can find at my local shop.",
            ],
            [
                "Two of the recipes I tried simply did not work.",
                "Half the recipes need ingredients I have never heard of.",
            ],
            plural=True,
            words=("delicious",),
        ),
        "photos": _aspect(
            "photos",
            [
                "There is a photo for every single dish.",
                "The photos make you want to start cooking straight away.",
            ],
            [
                "Most recipes have no photo at all.",
                "The photos are dark and tiny.",
            ],
            plural=True,
            words=("beautiful", "gorgeous", "ugly"),
        ),
        "instructions": _aspect(
            "instructions",
            [
                "The steps are short and easy to follow.",
                "Even a beginner could follow the steps.",
            ],
            [
                "Steps are missing, so I had to guess the cooking times.",
                "The quantities in the list do not match the method.",
            ],
            plural=True,
            words=("clear", "confusing"),
        ),
        "binding": _aspect(
            "binding",
            [
                "The book lies flat on the counter when open.",
                "The paper is thick and the print quality is lovely.",
            ],
            [
                "Pages started falling out within a week.",
                "The print is smudged on several pages.",
            ],
        ),
        "research": _aspect(
            "research",
            [
                "Every claim is backed by letters and interviews.",
                "It is full of details I had never read anywhere else.",
            ],
            [
                "Several dates and names are simply wrong.",
                "It rehashes old newspaper articles and adds nothing new.",
            ],
            words=("impressive", "inadequate"),
        ),
        "illustrations": _aspect(
            "illustrations",
            [
                "My kids point at something new on every page.",
                "Every page is full of colour and tiny details.",
            ],
            [
                "The pictures look rushed and muddy.",
                "The pictures are too small to see from across the bed.",
            ],
            plural=True,
            words=("beautiful", "charming", "ugly"),
        ),
        "story": _aspect(
            "story",
            [
                "My son asks for it every night.",
                "The rhymes are fun to read aloud.",
            ],
            [
                "My daughter lost interest halfway through.",
                "The rhymes are forced and awkward to read aloud.",
            ],
            words=("sweet", "boring", "fun"),
        ),
        "worldbuilding": _aspect(
            "world building",
            [
                "The world feels huge and lived in.",
                "The magic system actually has rules that make sense.",
            ],
            [
                "The world is a patchwork of borrowed ideas.",
                "The first hundred pages are nothing but place names and maps.",
            ],
            words=("fascinating", "confusing"),
        ),
    },
    contexts=(
        "I read {it} over a long weekend.",
        "It was picked for my book club this month.",
        "A friend lent me her copy first, then I bought my own.",
        "I read {it} on holiday.",
        "I had read the author's previous book.",
    ),
    experience="read",
)

TOYS = Category(
    "toys",
    products=(
        Product("building set", ("instructions", "pieces", "play", "durability")),
        Product("remote control car", ("battery", "speed", "durability", "controls")),
        Product("board game", ("rules", "components", "play")),
        Product("plush bear", ("softness", "stitching", "play")),
        Product("jigsaw puzzle", ("fit", "image", "pieces")),
        Product("toy kitchen", ("assembly", "durability", "play")),
    ),
    aspects={
        "instructions": _aspect(
            "instructions",
            [
                "The instructions are easy enough for a seven-year-old.",
                "Each step shows exactly which pieces you need.",
            ],
            [
                "Two pages of the instructions are printed out of order.",
                "The diagrams are so small that we had to guess.",
            ],
            plural=True,
            words=("clear", "confusing"),
        ),
        "pieces": _aspect(
            "pieces",
            [
                "Every piece was there and clicked together firmly.",
                "All the pieces arrived sorted in numbered bags.",
            ],
            [
                "Several pieces were missing from the box.",
                "The pieces do not stay together.",
            ],
            plural=True,
        ),
        "play": _aspect(
            "play value",
            [
                "My kids have played with {it} every day since.",
                "It kept the whole family busy for hours.",
                "My daughter takes {it} everywhere.",
            ],
            [
                "My son lost interest after ten minutes.",
                "It has sat in the cupboard since the first day.",
            ],
            words=("fun", "boring", "enjoyable"),
        ),
        "durability": _aspect(
            "durability",
            [
                "It has survived being thrown down the stairs more than once.",
                "After months of rough play it still looks new.",
            ],
            [
                "A wheel snapped off on the first day.",
                "It broke within the first hour of play.",
                "The paint started chipping after a week.",
            ],
            words=("strong", "weak"),
        ),
        "battery": _aspect(
            "battery",
            [
                "One charge lasts a whole afternoon of racing.",
                "It charges quickly over USB.",
            ],
            [
                "The battery runs flat after ten minutes.",
                "It takes four hours to charge for five minutes of play.",
            ],
        ),
        "speed": _aspect(
            "speed",
            [
                "It is surprisingly fast on grass and gravel.",
                "It zooms across the living room in a second.",
            ],
            [
                "It crawls along like a tired snail.",
                "It stalls on the smallest bump in the carpet.",
            ],
        ),
        "controls": _aspect(
            "remote",
            [
                "The remote responds instantly, even from across the garden.",
                "The controls are simple enough for a five-year-old.",
            ],
            [
                "The remote loses contact as soon as you are a few metres away.",
                "The steering only works in one direction.",
            ],
            words=("responsive",),
        ),
        "rules": _aspect(
            "rules",
            [
                "We learned the rules in five minutes.",
                "The rules are simple but every game plays differently.",
            ],
            [
                "Nobody at the table could make sense of the rules.",
                "The rule book contradicts itself in several places.",
            ],
            plural=True,
            words=("clear", "confusing"),
        ),
        "components": _aspect(
            "cards and board",
            [
                "The cards are thick and the board is beautifully printed.",
                "The wooden pieces feel lovely in your hand.",
            ],
            [
                "The cards bent after a couple of games.",
                "The board arrived warped and will not lie flat.",
            ],
            plural=True,
        ),
        "softness": _aspect(
            "fur",
            [
                "It is incredibly soft and cuddly.",
                "The fur stayed fluffy even after a wash.",
            ],
            [
                "The fur is rough and came out matted after one wash.",
                "It sheds fluff all over the bed.",
            ],
            words=("lovely",),
        ),
        "stitching": _aspect(
            "stitching",
            [
                "The seams are tight and the eyes are sewn on securely.",
                "Not a single loose thread after months of hugs.",
            ],
            [
                "An eye came loose within a week, which is a choking hazard.",
                "The seams split along the arm on the second day.",
            ],
            words=("dangerous", "safe"),
        ),
        "fit": _aspect(
            "piece fit",
            [
                "The pieces lock together snugly and do not lift when you move the puzzle.",
                "Every piece snaps into place with a satisfying click.",
            ],
            [
                "Pieces fit into places where they do not belong.",
                "The pieces are so loose the puzzle falls apart when you touch it.",
            ],
        ),
        "image": _aspect(
            "picture",
            [
                "The print is sharp and the colours are rich.",
                "The picture is detailed enough to keep it challenging.",
            ],
            [
                "The picture is blurry and much darker than on the box.",
                "Large areas are one flat colour, which is no fun at all.",
            ],
            words=("beautiful", "gorgeous", "ugly"),
        ),
        "assembly": _aspect(
            "assembly",
            [
                "It took us less than an hour to put together.",
                "Every screw hole lined up perfectly.",
            ],
            [
                "Assembly took an entire afternoon and two holes did not line up.",
                "We had to drill our own holes to finish it.",
            ],
            words=("easy", "frustrating"),
        ),
    },
    contexts=(
        "I bought {it} for my nephew's sixth birthday.",
        "We got {it} as a Christmas present for the kids.",
        "My daughter picked {it} out herself.",
        "We have two kids under eight.",
        "I bought {it} for a rainy-day activity.",
    ),
)

CLOTHING = Category(
    "clothing",
    products=(
        Product("winter jacket", ("warmth", "fit", "zipper", "waterproofing", "fabric")),
        Product("running shoes", ("comfort", "fit", "grip", "durability"), plural=True),
        Product("jeans", ("fit", "fabric", "stitching", "colour"), plural=True),
        Product("wool sweater", ("warmth", "fabric", "washing", "fit")),
        Product("t-shirt", ("fabric", "fit", "washing", "colour")),
        Product("rain boots", ("waterproofing", "comfort", "grip", "durability"), plural=True),
    ),
    aspects={
        "warmth": _aspect(
            "warmth",
            [
                "It kept me warm at ten below zero.",
                "I can wear just a T-shirt underneath in the middle of winter.",
            ],
            [
                "The wind goes straight through it.",
                "I was freezing at the bus stop even with two layers underneath.",
            ],
            words=("warm",),
        ),
        "fit": _aspect(
            "fit",
            [
                "The size chart was spot on.",
                "The cut is spot on, as if it had been tailored for me.",
            ],
            [
                "The sleeves are five centimetres too short.",
                "The sizing runs at least two sizes small.",
                "The cut is tight in some places and baggy in others.",
            ],
            words=("flattering", "awkward"),
        ),
        "zipper": _aspect(
            "zipper",
            [
                "The zipper runs smoothly every time.",
                "The zipper is chunky and easy to use with gloves on.",
            ],
            [
                "The zipper jammed on the second day.",
                "The zip pull snapped off within a week.",
            ],
        ),
        "waterproofing": _aspect(
            "waterproofing",
            [
                "I walked home in a downpour and stayed completely dry.",
                "Water just beads up and rolls off.",
            ],
            [
                "My socks were soaked after one puddle.",
                "Water got in at the seams during light rain.",
            ],
        ),
        "fabric": _aspect(
            "fabric",
            [
                "The fabric is thick and soft against the skin.",
                "The material feels much more expensive than it was.",
            ],
            [
                "The fabric is thin and see-through.",
                "The material pills after a single wear.",
            ],
            words=("itchy", "lovely", "comfortable"),
        ),
        "comfort": _aspect(
            "comfort",
            [
                "I wore {it} for a full day on my feet with no blisters.",
                "The cushioning feels great on long runs.",
            ],
            [
                "I got blisters within the first hour.",
                "My feet ached after a short walk.",
            ],
            words=("comfortable", "uncomfortable", "painful"),
        ),
        "grip": _aspect(
            "grip",
            [
                "The grip holds well on wet pavements.",
                "I never slipped, even on icy paths.",
            ],
            [
                "I nearly slipped on a wet floor in the supermarket.",
                "The soles are slippery on anything damp.",
            ],
        ),
        "durability": _aspect(
            "durability",
            [
                "They still look new after hundreds of kilometres.",
                "After a year of daily wear there is barely a mark on them.",
            ],
            [
                "The sole started coming off after a month.",
                "A hole appeared in the toe within a few weeks.",
            ],
        ),
        "stitching": _aspect(
            "stitching",
            [
                "The seams are neat and the stitching is tight.",
                "Not a single loose thread after many washes.",
            ],
            [
                "A seam split the first time I sat down.",
                "Loose threads were hanging everywhere out of the bag.",
            ],
        ),
        "colour": _aspect(
            "colour",
            [
                "The colour is exactly as pictured.",
                "The colour has not faded after many washes.",
            ],
            [
                "The colour is nothing like the photos.",
                "The dye ran and turned my other clothes blue.",
            ],
            words=("beautiful", "vibrant", "ugly"),
        ),
        "washing": _aspect(
            "quality after washing",
            [
                "It came out of the wash looking exactly the same.",
                "It has kept its shape after dozens of washes.",
            ],
            [
                "It shrank a full size after one wash on cold.",
                "It came out of the washing machine twisted and misshapen.",
            ],
        ),
    },
    contexts=(
        "I ordered my usual size.",
        "I wear {it} to work most days.",
        "I bought {it} for a trip to the mountains.",
        "I'm fairly tall, so fit is always a gamble for me.",
        "I ordered {it} in two colours.",
    ),
)

BEAUTY = Category(
    "beauty",
    products=(
        Product("moisturiser", ("texture", "scent", "results", "reaction", "packaging")),
        Product("shampoo", ("scent", "results", "reaction", "value")),
        Product("lipstick", ("colour", "longevity", "texture")),
        Product("sunscreen", ("texture", "finish", "reaction", "packaging")),
        Product("hair dryer", ("drying", "noise", "heat", "durability")),
        Product("face serum", ("texture", "results", "reaction", "value")),
    ),
    aspects={
        "texture": _aspect(
            "texture",
            [
                "It sinks in within seconds and leaves no residue.",
                "The texture is light and silky.",
            ],
            [
                "It leaves a greasy film that never sinks in.",
                "It pills up when I put makeup over it.",
            ],
            words=("lovely", "pleasant", "gross"),
        ),
        "scent": _aspect(
            "scent",
            [
                "It smells faintly of fresh citrus.",
                "The smell is subtle and fades after a few minutes.",
            ],
            [
                "The smell is like cheap air freshener.",
                "The perfume is so strong that it gave me a headache.",
            ],
            words=("lovely", "pleasant", "nasty", "disgusting"),
        ),
        "results": _aspect(
            "results",
            [
                "My skin has never looked this smooth.",
                "Friends have asked what I changed in my routine.",
                "My hair is shinier than it has been in years.",
            ],
            [
                "After a month I see no difference at all.",
                "My hair feels like straw after every wash.",
            ],
            plural=True,
            words=("impressive", "amazing", "disappointing"),
        ),
        "reaction": _aspect(
            "effect on my skin",
            [
                "My sensitive skin had no reaction at all.",
                "It calmed the redness on my cheeks within days.",
            ],
            [
                "It broke me out in a rash on the first day.",
                "My skin stung and went red within minutes.",
            ],
            words=("gentle", "soothing", "harsh", "irritating"),
        ),
        "packaging": _aspect(
            "packaging",
            [
                "The pump dispenses exactly the right amount.",
                "The tube is easy to squeeze to the very last drop.",
            ],
            [
                "The pump stopped working halfway through the bottle.",
                "The lid cracked and it leaked all over my bag.",
            ],
            words=("annoying", "useless"),
        ),
        "value": _aspect(
            "value for money",
            [
                "One bottle lasts me three months.",
                "A tiny amount goes a long way.",
            ],
            [
                "The bottle was empty in two weeks.",
                "It costs twice as much as the one I used before and does less.",
            ],
        ),
        "colour": _aspect(
            "shade",
            [
                "The shade is exactly what the swatch showed.",
                "It is a flattering shade on my skin tone.",
            ],
            [
                "The shade looks orange on my skin, nothing like the swatch.",
                "The colour is patchy and streaky.",
            ],
            words=("gorgeous", "beautiful", "ugly"),
        ),
        "longevity": _aspect(
            "staying power",
            [
                "It lasted through lunch and a cup of coffee.",
                "It stays put all day without touch-ups.",
            ],
            [
                "It is gone after the first sip of water.",
                "It wears off within an hour and leaves a ring.",
            ],
        ),
        "finish": _aspect(
            "finish",
            [
                "It leaves no white cast at all.",
                "It dries down to a soft matte finish.",
            ],
            [
                "It leaves a chalky white cast on my face.",
                "It makes my face look shiny all day.",
            ],
        ),
        "drying": _aspect(
            "drying time",
            [
                "It dries my thick hair in under ten minutes.",
                "My hair dries in half the time it used to.",
            ],
            [
                "It takes half an hour to dry my hair.",
                "The airflow is barely stronger than a sigh.",
            ],
            words=("powerful", "weak"),
        ),
        "noise": _aspect(
            "noise",
            [
                "It is much quieter than my old dryer.",
                "I can hear the radio while I use it.",
            ],
            [
                "It whines like a jet engine.",
                "It is so loud that I wear earplugs to use it.",
            ],
            words=("annoying",),
        ),
        "heat": _aspect(
            "heat settings",
            [
                "The low setting is gentle enough for my damaged hair.",
                "Each heat setting is clearly different.",
            ],
            [
                "Even the low setting burns my scalp.",
                "It smells of burning plastic on the high setting.",
            ],
            plural=True,
        ),
        "durability": _aspect(
            "durability",
            [
                "It has worked every morning for two years.",
                "The cord is long and sturdy.",
            ],
            [
                "It stopped working after six weeks.",
                "It cuts out whenever the cord moves.",
            ],
        ),
    },
    contexts=(
        "I have sensitive, combination skin.",
        "I have been using {it} every day for about a month.",
        "I switched to {it} from a more expensive brand.",
        "My hairdresser suggested I try {it}.",
        "I have curly hair that is hard to manage.",
    ),
)

CATEGORIES_SPEC: tuple[Category, ...] = (ELECTRONICS, KITCHEN, BOOKS, TOYS, CLOTHING, BEAUTY)
