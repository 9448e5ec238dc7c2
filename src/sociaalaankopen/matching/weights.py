"""The weights of the matcher's signals, in points before saturation, and its thresholds."""

W_KEYWORD = 20.0  # a clause keyword found in the tender, at full specificity
W_TITLE = 6.0  # a word of the clause title or summary
W_SECTOR = 34.0  # a clause recommended first by a sector the tender clearly belongs to
W_CPV = 22.0  # a tender CPV code under one of the clause's own codes
W_TRAINING_WORKS = 14.0  # a training clause on a works contract
W_RESERVED = 12.0  # a reserved contract where the sector has social-economy suppliers
W_LOTS = 16.0  # a clause about lots, for a contract above the European threshold that has no lots
K = 50.0  # saturation: 50 points give a score of 63, 100 points give 86
SECTOR_K = 20.0  # saturation of a sector's strength (0..1)
SECTOR_DECAY = 0.15  # weight of the n-th recommended clause: 1 / (1 + 0.15 · n)
NEAR = 0.5  # a phrase whose words are near each other (within NEAR_WINDOW words) but not together
NEAR_WINDOW = 10
# A lot described in fewer words than this is matched with the tender's title and description too.
LOT_CONTEXT_WORDS = 12
FOCUS_WORDS = 30  # without a title, the first words of the description stand in for it
DECAY = 0.6  # the n-th piece of direct evidence for one clause counts DECAY ** n: the first says most
PARTS = 0.85  # a one-word keyword found through its compound parts
FUZZY = 0.8  # a word read through a typo
TYPE_MISMATCH = 0.4  # share of points kept by a clause not meant for the tender's contract type
OUTSIDE_ART77 = 0.3  # share kept by an art. 77 reservation when the tender's CPV codes are not its services
NO_SOCIAL_ECONOMY = 0.5  # share kept by a reserved contract when the sector has no social-economy offer
MIN_SCORE = 10  # below this, a match is noise and is not returned
MAX_REASONS = 5
# From which estimated value (EUR, excl. VAT) a contract without lots brings up the lots clauses. Art. 58
# of the Act of 17 June 2016 asks the buyer to consider lots and to state why it does not divide, whatever
# the value; the matcher raises it for large contracts only, taking the European thresholds for sub-central
# buyers (2026-2027, Regulation (EU) 2025/2152) as the mark of "large". A heuristic, not a legal threshold;
# the thresholds change every two years.
LOTS_THRESHOLDS = {"works": 5_404_000, "supplies": 216_000, "services": 216_000}
MIN_SECTOR = 0.35  # a sector this strong counts for the reservation rule
MIN_FUZZY_LENGTH = 5  # shorter words with a typo are too ambiguous to correct
TWO_TYPOS_LENGTH = 9  # from this length on, a word may have two typos
SECOND_SECTOR = 0.25  # a second sector recommending a clause adds this share of its points (sectors overlap)
