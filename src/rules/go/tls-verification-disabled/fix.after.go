package httpclient

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// NewClient returns an HTTP client for the internal API.
func NewClient() *http.Client {
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: false},
		MaxIdleConns:    10,
		IdleConnTimeout: 30 * time.Second,
	}
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// TLSConfig is shared by the gRPC and websocket dialers.
func TLSConfig() *tls.Config {
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: false, // self-signed certs in dev
	}
}

// DialBroker opens a TLS connection to the message broker.
func DialBroker() (*tls.Conn, error) {
	conf := &tls.Config{ServerName: "broker.internal"}
	conf.InsecureSkipVerify = false
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	return tls.DialWithDialer(dialer, "tcp", "broker.internal:9093", conf)
}
