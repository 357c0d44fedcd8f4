//! Every string the reading room shows, in one place.
