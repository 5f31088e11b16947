"""Who published a disclosure, for which year, kind and scope: the one home of identity rules.

``names`` says whether two printings name one unit; ``evidence`` how far each place is
believed; ``weigh`` turns a document's printed clues into one identity (or a refusal), and
``disclosure`` says which documents are versions or halves of one disclosure.
"""
