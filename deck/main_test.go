package deck

import (
	"fmt"
	"os"
	"reflect"
	"testing"
)

// TestMain runs the package's tests, then checks that none of them wrote
// into the box that every list shares (listBox): a list holds no table
// rows, body or cards.
func TestMain(m *testing.M) {
	code := m.Run()
	if !reflect.DeepEqual(*listBox, box{}) {
		fmt.Fprintf(os.Stderr, "the box shared by every list was written: %+v\n", *listBox)
		code = 1
	}
	os.Exit(code)
}
