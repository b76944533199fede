//! Canonical entities across the whole database: which `entities` row a mention belongs to.
//!
//! The extractor settles names within one document (`Putin` → `Vladimir Putin` when the
//! article gives the full name). Across documents only the store can decide, because only it
//! sees what earlier documents said. The rules: the same (name, kind) is the same entity; a
//! person named by a surname alone joins the one person of the database with that surname
//! and a full name, if there is exactly one; and when a full name arrives for a surname that
//! so far stood alone, the lone entity is renamed to the full name (so `v_entities` shows
//! `Vladimir Putin`, never `Putin`, once the full name is known). Two full names that share a
//! surname (`John Smith`, `Mary Smith`) stay two entities, and a lone `Smith` then stays apart
//! from both, since nothing says which one it is.
//!
//! People are indexed by surname in memory, loaded once per writer from the table, because
//! finding "names that end with this word" in SQL would scan the table for every lookup.
//! The maps hash with FxHash rather than std's SipHash: the writer looks up every mention
//! here (about 40 an article), the keys are names from our own extractor rather than input
//! an attacker chooses to collide, and FxHash is several times cheaper on such short keys.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rusqlite::{Connection, OptionalExtension, params};

use super::Result;
use crate::document::EntityKind;

/// Entity ids already looked up, so that a name seen in many documents costs one query.
/// Cleared when it grows past this many entries, which keeps memory flat on large corpora.
const CACHE_LIMIT: usize = 200_000;

/// A person entity as the surname index knows it.
#[derive(Debug, Clone)]
struct Person {
    id: i64,
    /// More than one word.
    full: bool,
}

#[derive(Default)]
pub struct EntityResolver {
    /// Entity ids by `kind`, a unit separator and `name` (one string, so that a look-up of a
    /// name seen before allocates nothing: the writer does one per mention).
    cache: HashMap<String, i64>,
    key: String,
    /// Person entities by last word; `None` until first needed.
    by_surname: Option<HashMap<String, Vec<Person>>>,
    /// Mentions resolved to each person entity by this writer: a lone surname shared by
    /// several full names goes to one of them only if it clearly dominates.
    person_mentions: HashMap<i64, u64>,
    /// Aliases written by this writer, so that a form seen in many documents is written once.
    aliases: HashMap<i64, HashSet<String>>,
    n_aliases: usize,
}

fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

impl EntityResolver {
    /// Forgets cached look-ups when there are too many (the surname index stays).
    pub fn trim(&mut self) {
        if self.cache.len() > CACHE_LIMIT {
            self.cache.clear();
        }
        if self.n_aliases > CACHE_LIMIT {
            self.aliases.clear();
            self.n_aliases = 0;
        }
    }

    /// Records `alias` as a surface form of `entity` (the `aliases` table).
    pub fn add_alias(&mut self, tx: &Connection, entity: i64, alias: &str) -> Result<()> {
        if self.aliases.get(&entity).is_some_and(|s| s.contains(alias)) {
            return Ok(());
        }
        tx.prepare_cached("INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)")?
            .execute(params![entity, alias])?;
        self.aliases
            .entry(entity)
            .or_default()
            .insert(alias.to_string());
        self.n_aliases += 1;
        Ok(())
    }

    /// The id of the entity `name` of `kind` belongs to, created on first sight.
    pub fn resolve(&mut self, tx: &Connection, name: &str, kind: &EntityKind) -> Result<i64> {
        self.key.clear();
        self.key.push_str(kind.as_str());
        self.key.push('\u{1f}');
        self.key.push_str(name);
        let id = match self.cache.get(self.key.as_str()) {
            Some(&id) => id,
            None => {
                let id = match self.exact(tx, name, kind.as_str())? {
                    Some(id) => id,
                    None if *kind == EntityKind::Person => self.person(tx, name)?,
                    None => insert(tx, name, kind.as_str())?,
                };
                self.cache.insert(self.key.clone(), id);
                id
            }
        };
        if *kind == EntityKind::Person {
            *self.person_mentions.entry(id).or_insert(0) += 1;
        }
        Ok(id)
    }

    /// Among people sharing a surname, the one whose mentions outnumber the others' together
    /// three to one (and at least five times): `Blair` is Tony Blair in a corpus that names
    /// Cherie Blair twice.
    fn dominant(counts: &HashMap<i64, u64>, people: &[&Person]) -> Option<i64> {
        let count = |p: &Person| counts.get(&p.id).copied().unwrap_or(0);
        let top = people.iter().max_by_key(|p| count(p))?;
        let others: u64 = people
            .iter()
            .filter(|p| p.id != top.id)
            .map(|p| count(p))
            .sum();
        (count(top) >= 5 && count(top) >= 3 * others).then_some(top.id)
    }

    fn exact(&self, tx: &Connection, name: &str, kind: &str) -> Result<Option<i64>> {
        Ok(tx
            .prepare_cached("SELECT id FROM entities WHERE name = ?1 AND kind = ?2")?
            .query_row(params![name, kind], |r| r.get(0))
            .optional()?)
    }

    /// A person not stored under this exact name (see the module comment).
    fn person(&mut self, tx: &Connection, name: &str) -> Result<i64> {
        self.surname_index(tx)?;
        let Self {
            by_surname,
            person_mentions,
            ..
        } = self;
        let index = by_surname.get_or_insert_with(HashMap::default);
        let last = surname(name).to_string();
        let full = name.contains(' ');
        let same: Vec<Person> = index.get(&last).cloned().unwrap_or_default();
        let full_ones: Vec<&Person> = same.iter().filter(|p| p.full).collect();
        let lone = same.iter().find(|p| !p.full);
        let id = if !full {
            match full_ones.as_slice() {
                [only] => return Ok(only.id),
                [] => insert(tx, name, "person")?,
                several => match Self::dominant(person_mentions, several) {
                    Some(id) => return Ok(id),
                    None => insert(tx, name, "person")?,
                },
            }
        } else if let (Some(lone), true) = (lone, full_ones.is_empty()) {
            // The surname stood alone so far: this is its full name.
            tx.prepare_cached("UPDATE entities SET name = ?2 WHERE id = ?1")?
                .execute(params![lone.id, name])?;
            let id = lone.id;
            if let Some(v) = index.get_mut(&last) {
                v.retain(|p| p.id != id);
            }
            id
        } else {
            insert(tx, name, "person")?
        };
        index.entry(last).or_default().push(Person { id, full });
        Ok(id)
    }

    fn surname_index(&mut self, tx: &Connection) -> Result<&mut HashMap<String, Vec<Person>>> {
        if self.by_surname.is_none() {
            let mut index: HashMap<String, Vec<Person>> = HashMap::default();
            let mut stmt = tx.prepare("SELECT id, name FROM entities WHERE kind = 'person'")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (id, name) = row?;
                index
                    .entry(surname(&name).to_string())
                    .or_default()
                    .push(Person {
                        id,
                        full: name.contains(' '),
                    });
            }
            self.by_surname = Some(index);
        }
        Ok(self.by_surname.get_or_insert_with(HashMap::default))
    }
}

fn insert(tx: &Connection, name: &str, kind: &str) -> Result<i64> {
    tx.prepare_cached("INSERT INTO entities (name, kind) VALUES (?1, ?2)")?
        .execute(params![name, kind])?;
    Ok(tx.last_insert_rowid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;

    fn name_of(tx: &rusqlite::Transaction, id: i64) -> String {
        tx.query_row("SELECT name FROM entities WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    }

    #[test]
    fn surnames_join_the_one_full_name_and_homonyms_stay_apart() -> Result<()> {
        let mut db = Database::open_in_memory()?;
        let tx = db.conn.transaction()?;
        let mut r = EntityResolver::default();
        let p = EntityKind::Person;
        // A lone surname first, then its full name: one entity, renamed.
        let lone = r.resolve(&tx, "Putin", &p)?;
        let full = r.resolve(&tx, "Vladimir Putin", &p)?;
        assert_eq!(lone, full);
        assert_eq!(name_of(&tx, full), "Vladimir Putin");
        let mut fresh = EntityResolver::default();
        assert_eq!(
            fresh.resolve(&tx, "Putin", &p)?,
            full,
            "found through the table"
        );
        // Two full names with one surname stay two; the lone surname then joins neither.
        let john = r.resolve(&tx, "John Smith", &p)?;
        let mary = r.resolve(&tx, "Mary Smith", &p)?;
        let smith = r.resolve(&tx, "Smith", &p)?;
        assert!(john != mary && smith != john && smith != mary);
        // A lone surname goes to a namesake who clearly dominates the database's mentions.
        for _ in 0..6 {
            r.resolve(&tx, "John Smith", &p)?;
        }
        assert_eq!(
            r.resolve(&tx, "Smith", &p)?,
            smith,
            "cached: earlier answers stand"
        );
        let mut later = EntityResolver::default();
        for _ in 0..6 {
            later.resolve(&tx, "John Smith", &p)?;
        }
        later.resolve(&tx, "Mary Smith", &p)?;
        tx.execute("DELETE FROM entities WHERE id = ?1", [smith])?;
        assert_eq!(later.resolve(&tx, "Smith", &p)?, john);
        // Other kinds are matched by exact name only.
        let org = r.resolve(&tx, "Putin", &EntityKind::Organization)?;
        assert_ne!(org, full);
        Ok(())
    }
}
