. "$CASE/../_lib.sh"
# As large, and the risky file changes its name too, while files that stay
# are modified: only copies from those may be left out, never renames.
mkdir -p gen keep
i=0; while [ $i -lt 1100 ]; do printf 'generated %d\nline two\nline three\nline four\n' $i > gen/f$i.txt; printf 'keep %d\n' $i > keep/k$i.txt; i=$((i+1)); done
mkfile src/payments/charge.go 'package payments

import "log"

func Charge(amount int) error {
	log.Printf("charge %d", amount)
	if amount <= 0 {
		return errInvalid
	}
	return gateway.Charge(amount)
}'
commit "initial"
git checkout -q -b feature
git mv gen moved
i=0; while [ $i -lt 1100 ]; do printf 'generated %d\nline two\nline three\nline 4\n' $i > moved/f$i.txt; printf 'keep %d!\n' $i > keep/k$i.txt; i=$((i+1)); done
mkdir -p internal/util
git mv src/payments/charge.go internal/util/amounts.go
printf 'package payments\n\nimport "log"\n\nfunc Charge(amount int) error {\n\tlog.Printf("charge %%d", amount)\n\treturn gateway.Charge(amount)\n}\n' > internal/util/amounts.go
commit "move everything"
