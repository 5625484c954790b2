#!/bin/sh
# The pre-receive hook behind the servers a team really pushes through,
# each started here on 127.0.0.1 only: git daemon (git://), OpenSSH's sshd
# (ssh://) and smart HTTP through a web server (lighttpd running git's
# git-http-backend as a CGI). Behind each, `hook install` puts the gate in
# the repository; an unsigned commit must be rejected with the explanation
# relayed to the pusher, the server's branch must not move, and a signed
# commit must land.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

W=$T_ROOT/servers
mkdir -p "$W/srv" "$W/www"
cd "$W" || exit 1
BIN=${RISKGATE_BIN:-$RISKGATE}
for tool in /usr/lib/git-core/git-daemon /usr/lib/git-core/git-http-backend /usr/sbin/sshd \
	/usr/sbin/lighttpd ssh ssh-keygen; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "servers: $tool not found (tools/deps.sh installs it)" >&2
		exit 1
	}
done

pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	[ -n "${KEEP_TEST_DIR:-}" ] || rm -rf "$T_ROOT"
}
trap cleanup EXIT

# A free TCP port on 127.0.0.1.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# wait_port PORT: until something listens there (10 s at most).
wait_port() {
	i=0
	while [ $i -lt 100 ]; do
		python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1', $1)))" &&
			return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

cat >policy.json <<'EOF'
{"version": 1, "default_tier": "normal",
 "tiers": [{"name": "normal", "require": {"provenance": {"require_signoff": true}}}]}
EOF

# repo NAME: a bare repository under srv/, seeded with the policy (before the
# hook), the gate installed in it.
repo() {
	git init -q --bare "srv/$1.git"
	git -C "srv/$1.git" config http.receivepack true
	rm -rf seed && git init -q seed
	cp policy.json seed/.riskgate.json
	git -C seed add -A && git -C seed commit -q -s -m initial
	git -C seed push -q "$W/srv/$1.git" main 2>/dev/null
	"$BIN" hook install --repo "srv/$1.git" >install.out 2>&1 ||
		fail "hook install in srv/$1.git: $(cat install.out)"
}

# pushes NAME URL: a clone through the server, then an unsigned commit
# (rejected) and a signed one (accepted), each checked on the server side.
pushes() {
	sv=$1 url=$2
	rm -rf "w-$sv"
	git clone -q "$url" "w-$sv" 2>clone.err
	check "$sv: clone through the server: $(tail -2 clone.err)" [ -f "w-$sv/.riskgate.json" ]
	before=$(git -C "srv/$sv.git" rev-parse main)
	echo unsigned >"w-$sv/f" && git -C "w-$sv" add f && git -C "w-$sv" commit -q -m unsigned
	git -C "w-$sv" push origin main >push.out 2>&1
	rc=$?
	check "$sv: the unsigned push is rejected (exit $rc)" [ "$rc" != 0 ]
	check "$sv: the pusher reads why: $(head -3 push.out)" \
		grep -q 'remote: riskgate:.*require_signoff' push.out
	check "$sv: the pusher reads the verdict" grep -q 'remote: riskgate: push rejected' push.out
	check "$sv: the server's main did not move" \
		[ "$(git -C "srv/$sv.git" rev-parse main)" = "$before" ]
	git -C "w-$sv" reset -q --hard HEAD~1
	echo signed >"w-$sv/g" && git -C "w-$sv" add g && git -C "w-$sv" commit -q -s -m signed
	git -C "w-$sv" push origin main >push.out 2>&1
	rc=$?
	check "$sv: the signed push lands (exit $rc): $(tail -3 push.out)" [ "$rc" = 0 ]
	check "$sv: the pusher reads the pass" grep -q 'remote: riskgate: push accepted' push.out
	check "$sv: the server's main is the signed commit" \
		[ "$(git -C "srv/$sv.git" rev-parse main)" = "$(git -C "w-$sv" rev-parse HEAD)" ]
}

# ---- git daemon ---------------------------------------------------------------
repo daemon
port=$(free_port)
git daemon --reuseaddr --listen=127.0.0.1 --port="$port" --base-path="$W/srv" --export-all \
	--enable=receive-pack "$W/srv" >daemon.log 2>&1 &
pids="$pids $!"
if wait_port "$port"; then
	pushes daemon "git://127.0.0.1:$port/daemon.git"
else
	fail "git daemon did not listen on 127.0.0.1:$port: $(tail -3 daemon.log)"
fi

# ---- sshd ---------------------------------------------------------------------
repo ssh
ssh-keygen -q -t ed25519 -N '' -f "$W/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$W/userkey"
cp "$W/userkey.pub" "$W/authorized_keys"
chmod 600 "$W/authorized_keys"
port=$(free_port)
cat >sshd_config <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $W/hostkey
AuthorizedKeysFile $W/authorized_keys
PidFile $W/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
EOF
# sshd started as root needs its privilege-separation directory.
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd
/usr/sbin/sshd -D -f "$W/sshd_config" -E "$W/sshd.log" &
pids="$pids $!"
if wait_port "$port"; then
	export GIT_SSH_COMMAND="ssh -p $port -i $W/userkey -o IdentitiesOnly=yes -o BatchMode=yes \
-o StrictHostKeyChecking=no -o UserKnownHostsFile=$W/known_hosts -o LogLevel=ERROR"
	pushes ssh "ssh://$(id -un)@127.0.0.1$W/srv/ssh.git"
	unset GIT_SSH_COMMAND
else
	fail "sshd did not listen on 127.0.0.1:$port: $(tail -3 sshd.log)"
fi

# ---- smart HTTP: lighttpd + git-http-backend ----------------------------------
repo http
port=$(free_port)
cat >lighttpd.conf <<EOF
server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$W/www"
server.errorlog = "$W/lighttpd.err"
server.pid-file = "$W/lighttpd.pid"
alias.url = ("/git" => "/usr/lib/git-core/git-http-backend")
\$HTTP["url"] =~ "^/git" {
	cgi.assign = ("" => "")
	setenv.add-environment = ("GIT_PROJECT_ROOT" => "$W/srv", "GIT_HTTP_EXPORT_ALL" => "1")
}
EOF
/usr/sbin/lighttpd -D -f "$W/lighttpd.conf" >lighttpd.out 2>&1 &
pids="$pids $!"
if wait_port "$port"; then
	pushes http "http://127.0.0.1:$port/git/http.git"
else
	fail "lighttpd did not listen on 127.0.0.1:$port: $(tail -3 lighttpd.out lighttpd.err 2>/dev/null)"
fi

finish servers
