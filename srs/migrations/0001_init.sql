-- The first schema of the collection: decks, cards with their review state,
-- and the append-only review log.

PRAGMA application_id = 1936745316;

-- Decks in the order they were added (id).
CREATE TABLE decks (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL UNIQUE,
	title    TEXT NOT NULL,
	source   TEXT NOT NULL,
	added_at INTEGER NOT NULL -- unix seconds, UTC
);

-- One row per card ever added; a card removed from its source is retired,
-- never deleted. The review state (repetitions … leech) is the state after
-- the newest review that was not undone. Days are TEXT 'YYYY-MM-DD'.
CREATE TABLE cards (
	id          TEXT PRIMARY KEY,
	deck_id     INTEGER NOT NULL REFERENCES decks(id),
	kind        TEXT NOT NULL,
	front       TEXT NOT NULL,
	back        TEXT NOT NULL,
	section     TEXT NOT NULL,
	tags        TEXT NOT NULL, -- space-separated
	line        INTEGER NOT NULL,
	position    INTEGER NOT NULL, -- index in the deck
	retired     INTEGER NOT NULL DEFAULT 0,
	repetitions INTEGER NOT NULL DEFAULT 0,
	ef          INTEGER NOT NULL DEFAULT 250, -- hundredths
	interval    INTEGER NOT NULL DEFAULT 0,   -- days
	lapses      INTEGER NOT NULL DEFAULT 0,
	due         TEXT,                         -- NULL: new
	last_day    TEXT,                         -- NULL: never reviewed
	leech       INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX cards_queue ON cards(retired, due, deck_id, line, position);
CREATE INDEX cards_deck ON cards(deck_id, line, position);

-- The review log. Rows are only ever appended. kind is 'review' (an SM-2
-- review), 'drill' (a grade that changes no schedule) or 'undo' (cancels the
-- row named by undoes and restores the card's state from before it). Each row
-- holds the card's state before (b_*) and after (a_*) it.
CREATE TABLE log (
	id            INTEGER PRIMARY KEY,
	card_id       TEXT NOT NULL REFERENCES cards(id),
	at            INTEGER NOT NULL, -- unix seconds, UTC
	day           TEXT NOT NULL,    -- study day
	kind          TEXT NOT NULL CHECK (kind IN ('review', 'drill', 'undo')),
	quality       INTEGER CHECK (quality BETWEEN 0 AND 5),
	undoes        INTEGER UNIQUE REFERENCES log(id),
	b_repetitions INTEGER NOT NULL,
	b_ef          INTEGER NOT NULL,
	b_interval    INTEGER NOT NULL,
	b_lapses      INTEGER NOT NULL,
	b_due         TEXT,
	b_last_day    TEXT,
	b_leech       INTEGER NOT NULL,
	a_repetitions INTEGER NOT NULL,
	a_ef          INTEGER NOT NULL,
	a_interval    INTEGER NOT NULL,
	a_lapses      INTEGER NOT NULL,
	a_due         TEXT,
	a_last_day    TEXT,
	a_leech       INTEGER NOT NULL
);

CREATE INDEX log_day ON log(day);
CREATE INDEX log_card ON log(card_id);

CREATE TRIGGER log_append_only_update BEFORE UPDATE ON log
BEGIN
	SELECT RAISE(ABORT, 'the review log is append-only');
END;
CREATE TRIGGER log_append_only_delete BEFORE DELETE ON log
BEGIN
	SELECT RAISE(ABORT, 'the review log is append-only');
END;

PRAGMA user_version = 1;
