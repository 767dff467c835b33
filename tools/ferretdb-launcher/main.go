// Command ferretdb-launcher runs FerretDB v1 (SQLite backend) for local development and tests, behind a
// gate that runs one writing command at a time (reads skip it: commands.go).
//
// Why a gate: FerretDB v1 applies update and findAndModify by reading documents, changing them in Go and
// writing them back, so two connections updating one document at once lose writes (50 concurrent
// `$inc: 1` measured ending at 5). MongoDB makes single-document updates atomic, and Vaultline's spending
// guard relies on that. Serializing every command restores it: FerretDB listens only on a Unix socket in
// the data folder; this launcher listens on loopback TCP and, for each client message, forwards it and
// reads the reply, holding one mutex for commands that write.
//
// Why embedded: `go install .../cmd/ferretdb` panics at start because its version file is generated in
// FerretDB's own repository. The embeddable package skips that check.
package main

import (
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

const (
	headerLen           = 16
	opMsg               = 2013
	flagChecksumPresent = 1 << 0
	flagMoreToCome      = 1 << 1
	maxMessageLen       = 48 << 20 // MongoDB's maxMessageSizeBytes
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "loopback TCP address clients connect to")
	dataDir := flag.String("data", ".data/ferretdb", "folder for the SQLite files and the internal socket")
	flag.Parse()

	host, _, err := net.SplitHostPort(*listen)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		log.Fatalf("-listen must be a loopback address, got %q", *listen)
	}
	dir, err := filepath.Abs(*dataDir)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		log.Fatal(err)
	}

	sock := filepath.Join(dir, "ferretdb.sock")
	_ = os.Remove(sock) // left behind by a killed run

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: sock},
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/",
		Logger:    slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- db.Run(ctx) }()
	if err := waitForSocket(sock, 30*time.Second); err != nil {
		log.Fatal(err)
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	fmt.Printf("ferretdb-launcher: serving mongodb://%s (data in %s)\n", ln.Addr(), dir)

	g := &gate{}
	for {
		c, err := ln.Accept()
		if err != nil {
			break
		}
		go g.serve(c, sock)
	}
	if err := <-done; err != nil {
		log.Fatal(err)
	}
}

func waitForSocket(path string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if c, err := net.Dial("unix", path); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("FerretDB did not open %s within %s", path, limit)
}

// gate serializes writing commands across all client connections.
type gate struct{ mu sync.Mutex }

// serve relays one client connection over its own upstream connection (cursors stay per connection, as
// FerretDB expects), taking the gate for each writing request and its reply.
func (g *gate) serve(client net.Conn, sock string) {
	defer client.Close()
	upstream, err := net.Dial("unix", sock)
	if err != nil {
		log.Printf("upstream: %v", err)
		return
	}
	defer upstream.Close()

	for {
		msg, err := readMessage(client)
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				log.Printf("client: %v", err)
			}
			return
		}
		if err := g.roundTrip(upstream, client, msg); err != nil {
			log.Printf("relay: %v", err)
			return
		}
	}
}

func (g *gate) roundTrip(upstream, client net.Conn, msg []byte) error {
	if needsGate(msg) {
		g.mu.Lock()
		defer g.mu.Unlock()
	}
	if _, err := upstream.Write(msg); err != nil {
		return err
	}
	if expectsNoReply(msg) {
		return nil
	}
	reply, err := readMessage(upstream)
	if err != nil {
		return err
	}
	_, err = client.Write(reply)
	return err
}

// expectsNoReply reports an OP_MSG sent with the moreToCome flag (fire-and-forget writes).
func expectsNoReply(msg []byte) bool {
	if len(msg) < headerLen+4 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg {
		return false
	}
	return binary.LittleEndian.Uint32(msg[16:20])&flagMoreToCome != 0
}

func readMessage(r io.Reader) ([]byte, error) {
	var header [headerLen]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	n := int(int32(binary.LittleEndian.Uint32(header[0:4])))
	if n < headerLen || n > maxMessageLen {
		return nil, fmt.Errorf("bad message length %d", n)
	}
	msg := make([]byte, n)
	copy(msg, header[:])
	if _, err := io.ReadFull(r, msg[headerLen:]); err != nil {
		return nil, err
	}
	return msg, nil
}
