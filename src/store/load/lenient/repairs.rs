//! The repairs made to one item on the slow path, and the problems they become.

use serde_json::Value;

use super::path::{Seg, display, remove};
use super::{FirstError, Lenient, MAX_REPAIRS};
use crate::store::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    Mended,
    Drop,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// Everything at `removed` was taken out; the item stays.
    Removed(Vec<Seg>),
    Dropped,
    Fallback(String),
}

/// One problem found on the slow path.
#[derive(Debug)]
struct Repair {
    /// The field as the file has it (indices before any removal).
    field: Vec<Seg>,
    message: String,
    outcome: Outcome,
    /// A missing field is reported at the item's line, not at its closing brace.
    missing: bool,
}

/// The repairs made to one item, with removed array elements remembered so that
/// later paths can be given in the file's own numbering.
#[derive(Debug, Default)]
pub(super) struct Repairs {
    list: Vec<Repair>,
    /// (array path in file numbering, element index in file numbering).
    removed_elements: Vec<(Vec<Seg>, usize)>,
}

impl Repairs {
    pub(super) fn dropped(&self) -> bool {
        self.list.iter().any(|r| r.outcome == Outcome::Dropped)
    }

    pub(super) fn give_up(&mut self) {
        self.list.push(Repair {
            field: Vec::new(),
            message: format!("more than {MAX_REPAIRS} problems"),
            outcome: Outcome::Dropped,
            missing: false,
        });
    }

    /// A path in the current (mended) value, in the file's numbering.
    fn original(&self, path: &[Seg]) -> Vec<Seg> {
        let mut out = Vec::with_capacity(path.len());
        for seg in path {
            match seg {
                Seg::Key(_) => out.push(seg.clone()),
                Seg::Index(index) => {
                    let mut gone: Vec<usize> = self
                        .removed_elements
                        .iter()
                        .filter(|(array, _)| *array == out)
                        .map(|(_, i)| *i)
                        .collect();
                    gone.sort_unstable();
                    let mut original = *index;
                    for removed in gone {
                        if removed <= original {
                            original += 1;
                        }
                    }
                    out.push(Seg::Index(original));
                }
            }
        }
        out
    }

    /// Removes the value at `path` (current numbering), remembering array elements.
    fn take_out(&mut self, value: &mut Value, path: &[Seg]) -> bool {
        let original = self.original(path);
        if !remove(value, path) {
            return false;
        }
        if let Some((Seg::Index(index), array)) = original.split_last() {
            self.removed_elements.push((array.to_vec(), *index));
        }
        true
    }

    /// serde found a value it cannot use at `path`.
    pub(super) fn invalid(&mut self, value: &mut Value, path: Vec<Seg>, message: String) -> Step {
        let field = self.original(&path);
        if path.is_empty() || !self.take_out(value, &path) {
            self.list.push(Repair {
                field,
                message,
                outcome: Outcome::Dropped,
                missing: false,
            });
            return Step::Drop;
        }
        self.list.push(Repair {
            field: field.clone(),
            message,
            outcome: Outcome::Removed(field),
            missing: false,
        });
        Step::Mended
    }

    /// The struct at `path` lacks the required `name`.
    pub(super) fn missing(
        &mut self,
        value: &mut Value,
        path: Vec<Seg>,
        name: String,
        fallbacks: &[(&str, &str)],
    ) -> Step {
        let parent = self.original(&path);
        let mut field = parent.clone();
        field.push(Seg::Key(name.clone()));
        // Missing because an earlier repair removed it: that repair grows, no new report.
        let earlier = self
            .list
            .iter()
            .position(|r| r.outcome == Outcome::Removed(field.clone()));
        let index = match earlier {
            Some(index) => index,
            None => {
                self.list.push(Repair {
                    field,
                    message: "required but missing".into(),
                    outcome: Outcome::Dropped,
                    missing: true,
                });
                self.list.len() - 1
            }
        };
        if path.is_empty() {
            let fallback = fallbacks.iter().find(|(key, _)| *key == name);
            if let (Some((_, text)), Value::Object(map)) = (fallback, &mut *value) {
                map.insert(name, Value::String((*text).to_string()));
                self.list[index].outcome = Outcome::Fallback((*text).to_string());
                return Step::Mended;
            }
            self.list[index].outcome = Outcome::Dropped;
            return Step::Drop;
        }
        if !self.take_out(value, &path) {
            self.list[index].outcome = Outcome::Dropped;
            return Step::Drop;
        }
        self.list[index].outcome = Outcome::Removed(parent);
        Step::Mended
    }

    pub(super) fn into_problems(
        self,
        how: &Lenient<'_>,
        id: Option<&str>,
        line: usize,
        mut first_error: Option<FirstError>,
    ) -> Vec<Problem> {
        self.list
            .into_iter()
            .map(|repair| {
                let field = display(&repair.field);
                let consequence = match &repair.outcome {
                    Outcome::Dropped => format!("{} dropped", how.noun),
                    Outcome::Fallback(text) => format!("using {text:?}"),
                    Outcome::Removed(path) if display(path) == field => {
                        format!("field ignored, {} kept", how.noun)
                    }
                    Outcome::Removed(path) => {
                        format!("{} ignored, {} kept", display(path), how.noun)
                    }
                };
                // The located error may name the object holding the field (the locator).
                let at = match &first_error {
                    Some(first) if !repair.missing && repair.field.starts_with(&first.path) => {
                        let at = first.line;
                        first_error = None;
                        at
                    }
                    _ => line,
                };
                let mut problem =
                    Problem::error(how.file, format!("{}; {consequence}", repair.message))
                        .at_line(at);
                if let Some(id) = id {
                    problem = problem.with_id(id);
                }
                if !field.is_empty() {
                    problem = problem.with_field(field);
                }
                problem
            })
            .collect()
    }
}
