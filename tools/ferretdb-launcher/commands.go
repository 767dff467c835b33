package main

import (
	"bytes"
	"encoding/binary"
)

// Commands that only read: they skip the gate. The gate exists because FerretDB v1 applies updates by
// read-modify-write; a read cannot lose anyone's write, and SQLite (in WAL mode, as FerretDB opens it)
// lets readers run next to the one writer. Without this, one long scan (a query FerretDB cannot push
// down) held every other command of every client behind it: measured, agent calls waited up to 4.9 s
// behind a 9.7 s usage query; with reads off the gate a lookup during such a scan took 13 ms, and
// concurrent guarded updates stayed exact.
var readCommands = map[string]bool{
	"find": true, "count": true, "distinct": true, "aggregate": true, "getMore": true, "killCursors": true,
	"listCollections": true, "listIndexes": true, "listDatabases": true, "dbStats": true, "collStats": true,
	"hello": true, "isMaster": true, "ismaster": true, "ping": true, "buildInfo": true, "buildinfo": true,
	"serverStatus": true, "getParameter": true, "connectionStatus": true, "whatsmyuri": true, "hostInfo": true,
	"getCmdLineOpts": true, "explain": true, "endSessions": true, "saslStart": true, "saslContinue": true,
}

// Pipeline stages that write: an aggregate holding one is a write.
var writingStages = [][]byte{[]byte("$out\x00"), []byte("$merge\x00")}

// needsGate reports whether a client message must wait for the gate: everything but an OP_MSG whose
// command is a read. Anything it cannot read (another opcode, a malformed body) takes the gate.
func needsGate(msg []byte) bool {
	body, ok := commandBody(msg)
	if !ok {
		return true
	}
	name, ok := firstKey(body)
	if !ok || !readCommands[name] {
		return true
	}
	if name == "aggregate" || name == "explain" {
		// A conservative byte search: a key or string value "$out"/"$merge" anywhere takes the gate.
		for _, stage := range writingStages {
			if bytes.Contains(body, stage) {
				return true
			}
		}
	}
	return false
}

// commandBody returns the BSON document of an OP_MSG's section of kind 0 (the command).
func commandBody(msg []byte) ([]byte, bool) {
	if len(msg) < headerLen+4 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg {
		return nil, false
	}
	end := len(msg)
	if binary.LittleEndian.Uint32(msg[16:20])&flagChecksumPresent != 0 {
		end -= 4
	}
	for i := headerLen + 4; i < end; {
		kind := msg[i]
		i++
		if i+4 > end {
			return nil, false
		}
		n := int(int32(binary.LittleEndian.Uint32(msg[i : i+4])))
		if n < 5 || i+n > end {
			return nil, false
		}
		if kind == 0 {
			return msg[i : i+n], true
		}
		i += n // kind 1: a document sequence, its size first
	}
	return nil, false
}

// firstKey returns the name of a BSON document's first element (a command's name).
func firstKey(doc []byte) (string, bool) {
	if len(doc) < 7 {
		return "", false
	}
	key := doc[5:]
	nul := bytes.IndexByte(key, 0)
	if nul <= 0 {
		return "", false
	}
	return string(key[:nul]), true
}
