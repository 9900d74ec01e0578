"""reportgen: bilingual briefing packs and memorandum annexes as PDF and DOCX."""

__version__ = "0.1.0"
