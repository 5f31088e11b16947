"""Why a PDF cannot be ingested, in words the person who dropped it in the inbox can act on."""


class UnreadableDocument(Exception):
    """The file is not a readable disclosure; the message says what to do about it."""
