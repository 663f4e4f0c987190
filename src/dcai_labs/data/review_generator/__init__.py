"""How the course's review corpus is written (its internals; the datasets are in :mod:`dcai_labs.data.reviews`).

- ``lexicon``: word valences from the VADER lexicon, in tiers (mild, moderate, strong);
- ``vocabulary``: product categories, products and their aspects, with positive and negative words;
- ``writer``: one review of a given label and category (clear, moderate or mixed, with hedged or negated verdicts);
- ``corruption``: junk texts and near-duplicates, the defects planted in the noisy variant.
"""
