//! A compact binary encoding for the cache: lengths and numbers as LEB128 varints,
//! strings as length + UTF-8. Reading checks every length against what is left, so a
//! damaged cache is an error, never a panic or a huge allocation.

/// The cache does not hold what it should: it is rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Corrupt;

pub(crate) type Decoded<T> = Result<T, Corrupt>;

#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub fn u64(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub fn usize(&mut self, value: usize) {
        self.u64(value as u64);
    }

    pub fn raw(&mut self, bytes: &[u8]) {
        self.usize(bytes.len());
        self.bytes.extend_from_slice(bytes);
    }

    pub fn put<T: Code>(&mut self, value: &T) {
        value.put(self);
    }
}

pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn u8(&mut self) -> Decoded<u8> {
        let byte = *self.bytes.get(self.pos).ok_or(Corrupt)?;
        self.pos += 1;
        Ok(byte)
    }

    pub fn u64(&mut self) -> Decoded<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Corrupt)
    }

    pub fn usize(&mut self) -> Decoded<usize> {
        usize::try_from(self.u64()?).map_err(|_| Corrupt)
    }

    /// A count of items each at least one byte long: bounded by what is left.
    pub fn count(&mut self) -> Decoded<usize> {
        let count = self.usize()?;
        if count > self.bytes.len() - self.pos.min(self.bytes.len()) {
            return Err(Corrupt);
        }
        Ok(count)
    }

    pub fn raw(&mut self) -> Decoded<&'a [u8]> {
        let len = self.usize()?;
        let end = self.pos.checked_add(len).ok_or(Corrupt)?;
        let bytes = self.bytes.get(self.pos..end).ok_or(Corrupt)?;
        self.pos = end;
        Ok(bytes)
    }

    pub fn str(&mut self) -> Decoded<&'a str> {
        std::str::from_utf8(self.raw()?).map_err(|_| Corrupt)
    }

    pub fn get<T: Code>(&mut self) -> Decoded<T> {
        T::get(self)
    }
}

/// A value the cache can hold.
pub(crate) trait Code: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader<'_>) -> Decoded<Self>;
}

impl Code for String {
    fn put(&self, w: &mut Writer) {
        w.raw(self.as_bytes());
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        r.str().map(str::to_owned)
    }
}

impl Code for u64 {
    fn put(&self, w: &mut Writer) {
        w.u64(*self);
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        r.u64()
    }
}

impl Code for usize {
    fn put(&self, w: &mut Writer) {
        w.usize(*self);
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        r.usize()
    }
}

impl Code for bool {
    fn put(&self, w: &mut Writer) {
        w.u8(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        match r.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Corrupt),
        }
    }
}

impl<T: Code> Code for Box<T> {
    fn put(&self, w: &mut Writer) {
        (**self).put(w);
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        T::get(r).map(Box::new)
    }
}

impl<T: Code> Code for std::sync::Arc<T> {
    fn put(&self, w: &mut Writer) {
        (**self).put(w);
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        T::get(r).map(std::sync::Arc::new)
    }
}

impl<T: Code> Code for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.u8(0),
            Some(value) => {
                w.u8(1);
                value.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        match r.u8()? {
            0 => Ok(None),
            1 => T::get(r).map(Some),
            _ => Err(Corrupt),
        }
    }
}

impl<T: Code> Code for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.usize(self.len());
        for item in self {
            item.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Decoded<Self> {
        let count = r.count()?;
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            items.push(T::get(r)?);
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_and_damage_is_an_error() {
        let mut w = Writer::default();
        w.put(&vec![Some("päper".to_string()), None]);
        w.put(&u64::MAX);
        w.put(&true);
        let mut r = Reader::new(&w.bytes);
        assert_eq!(
            r.get::<Vec<Option<String>>>(),
            Ok(vec![Some("päper".to_string()), None])
        );
        assert_eq!(r.get::<u64>(), Ok(u64::MAX));
        assert_eq!(r.get::<bool>(), Ok(true));
        assert!(r.is_empty());
        for cut in 0..w.bytes.len() - 1 {
            let mut r = Reader::new(&w.bytes[..cut]);
            let whole = r
                .get::<Vec<Option<String>>>()
                .and_then(|_| r.get::<u64>())
                .and_then(|_| r.get::<bool>());
            assert_eq!(whole, Err(Corrupt), "cut at {cut}");
        }
        let huge = [0xff, 0xff, 0xff, 0xff, 0x0f];
        assert_eq!(Reader::new(&huge).get::<Vec<String>>(), Err(Corrupt));
    }
}
