package main

import (
	"encoding/binary"
	"testing"
)

// opMsg builds an OP_MSG with one kind-0 section holding a BSON document whose first key is `name`
// (value: int32 1), followed by `extra` raw bytes inside the document.
func opMsgOf(name string, extra []byte) []byte {
	elem := append([]byte{0x10}, append([]byte(name), 0)...)
	elem = binary.LittleEndian.AppendUint32(elem, 1)
	elem = append(elem, extra...)
	doc := binary.LittleEndian.AppendUint32(nil, uint32(4+len(elem)+1))
	doc = append(append(doc, elem...), 0)
	msg := make([]byte, headerLen)
	binary.LittleEndian.PutUint32(msg[12:16], opMsg)
	msg = binary.LittleEndian.AppendUint32(msg, 0) // flags
	msg = append(append(msg, 0), doc...)
	binary.LittleEndian.PutUint32(msg[0:4], uint32(len(msg)))
	return msg
}

func TestNeedsGate(t *testing.T) {
	cases := []struct {
		msg  []byte
		gate bool
	}{
		{opMsgOf("find", nil), false},
		{opMsgOf("getMore", nil), false},
		{opMsgOf("hello", nil), false},
		{opMsgOf("aggregate", nil), false},
		{opMsgOf("aggregate", []byte("\x03$merge\x00")), true},
		{opMsgOf("aggregate", []byte("\x02$out\x00")), true},
		{opMsgOf("update", nil), true},
		{opMsgOf("findAndModify", nil), true},
		{opMsgOf("insert", nil), true},
		{opMsgOf("delete", nil), true},
		{opMsgOf("createIndexes", nil), true},
		{[]byte{1, 2, 3}, true},
	}
	for _, c := range cases {
		if got := needsGate(c.msg); got != c.gate {
			name, _ := firstKey(c.msg[headerLen+5:])
			t.Errorf("needsGate(%q) = %v, want %v", name, got, c.gate)
		}
	}
	legacy := opMsgOf("find", nil)
	binary.LittleEndian.PutUint32(legacy[12:16], 2004) // OP_QUERY
	if !needsGate(legacy) {
		t.Error("an OP_QUERY must take the gate")
	}
}
