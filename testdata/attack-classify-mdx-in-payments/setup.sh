. "$CASE/../_lib.sh"
mkdir -p tests
: > tests/test_app.py
echo '# demo' > README.md
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'src/payments/docs/checkout.mdx')"
cat > 'src/payments/docs/checkout.mdx' <<'EOF'
import { refund } from "../refund"

<button onClick={() => refund(order)}>Refund</button>
EOF
echo '# touched' >> tests/test_app.py
commit 'add src/payments/docs/checkout.mdx'
