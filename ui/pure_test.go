package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestViewAssignsNoField holds the rule that View is a pure function of
// state: no View and no render… function in ui assigns to a field (or an
// element of one). Caches are filled in Update, SetSize or refresh; a copy
// of the model then never shares half-updated internals.
func TestViewAssignsNoField(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || !(fn.Name.Name == "View" || strings.HasPrefix(fn.Name.Name, "render")) {
				continue
			}
			checked++
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				var lhs []ast.Expr
				switch n := n.(type) {
				case *ast.AssignStmt:
					lhs = n.Lhs
				case *ast.IncDecStmt:
					lhs = []ast.Expr{n.X}
				}
				for _, e := range lhs {
					if storesInField(e) {
						t.Errorf("%s: %s assigns to a field", fset.Position(e.Pos()), fn.Name.Name)
					}
				}
				return true
			})
		}
	}
	if checked < 10 {
		t.Fatalf("only %d View/render functions found; the test looks in the wrong place", checked)
	}
}

// storesInField reports whether an assignment's left side is a field or
// reaches into one (x.f, x.f[i], x.f.g).
func storesInField(e ast.Expr) bool {
	for {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			return true
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		default:
			return false
		}
	}
}
