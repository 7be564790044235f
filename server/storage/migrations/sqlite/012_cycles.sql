-- A review meeting is named and described in both languages; '' while the English is not written.
ALTER TABLE review_cycles ADD COLUMN label_en TEXT NOT NULL DEFAULT '';
ALTER TABLE review_cycles ADD COLUMN notes_en TEXT NOT NULL DEFAULT '';
