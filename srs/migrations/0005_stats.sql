-- The states stats counts, in an index of their own: counting them reads
-- this small index instead of every page of the cards.

CREATE INDEX cards_state ON cards(retired, last_day IS NULL, repetitions = 0, interval >= 21, leech);

PRAGMA user_version = 5;
