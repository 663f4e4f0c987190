"""Helpers of lab 03 (data augmentation): images, text, weak supervision and self-supervision.

The lab's exercises are written by the learner; what lives here is everything around them that is not
the point of an exercise but must be the same in every run: the data (digits as a scanner sees them,
the review corpus), the fixed models, the synonym table for text augmentation, labelling-function
building blocks and a few plots.
"""
