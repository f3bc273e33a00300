-- Cards the user manages in the collection: suspended (out of every queue
-- until unsuspended), buried (out of the queue before the study day
-- buried_until), edited (front and back changed in the collection; the text
-- the source gave is kept in source_front and source_back, NULL when the
-- card was not edited), and practice grades, which change no schedule.

ALTER TABLE cards ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cards ADD COLUMN buried_until TEXT;
ALTER TABLE cards ADD COLUMN source_front TEXT;
ALTER TABLE cards ADD COLUMN source_back TEXT;

-- Grades of review --practice. undone marks a practice grade taken back.
CREATE TABLE practice (
	id      INTEGER PRIMARY KEY,
	card_id TEXT NOT NULL REFERENCES cards(id),
	at      INTEGER NOT NULL, -- unix seconds, UTC
	day     TEXT NOT NULL,    -- study day
	quality INTEGER NOT NULL CHECK (quality BETWEEN 0 AND 5),
	undone  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX practice_card ON practice(card_id);

PRAGMA user_version = 2;
