package deck

import _ "embed"

//go:embed builtin/serverless-ch20.txt
var builtinChapter []byte

// BuiltinPath is the name the built-in chapter goes by: the Source of its
// deck and the file named in its warnings.
const BuiltinPath = "builtin/serverless-ch20.txt"

// Builtin returns the chapter that ships with the program (a Serverless
// Architecture chapter of interview questions, scenarios, certifications, a
// roadmap and resume tips, in the shape of a page saved as text) and the path
// it goes by.
func Builtin() (path string, src []byte) {
	return BuiltinPath, builtinChapter
}
