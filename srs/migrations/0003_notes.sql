-- Notes of several cards: note is the ID of the note's first card (NULL
-- for a card alone), cloze the deletion a cloze card hides and text the
-- note's text in Anki's cloze syntax, reverse marks the card of a two-way
-- note that asks back to front.

ALTER TABLE cards ADD COLUMN note TEXT;
ALTER TABLE cards ADD COLUMN cloze INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cards ADD COLUMN text TEXT;
ALTER TABLE cards ADD COLUMN reverse INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cards_note ON cards(note) WHERE note IS NOT NULL;

PRAGMA user_version = 3;
