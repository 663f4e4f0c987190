"""dcai_labs: helpers, data and grading machinery for the Data-Centric AI and Hugging Face Hub labs."""

__version__ = "0.1.0"
