// The shell side of `bash_session`, run through `exec` (the sandbox interface has no streaming). A session is a
// directory in the sandbox's /tmp holding `in` (a FIFO the shell reads, opened read-write so it never sees EOF), `out`
// (everything the shell prints, appended), `pid` and `offset` (how much of `out` the model has been shown).
// The shell is an interactive `bash -i` without a terminal: it prints its prompt after each command, so a prompt
// ending in the session's marker (`\037<id>\037`) tells that the shell is waiting for the next command.

/** Starts a shell in a new session directory; prints the directory. */
export const startSessionScript = `
# Sessions whose shell is gone (killed with its sample, where /tmp outlives the sample as with \`local\`) are removed.
for old in "\${TMPDIR:-/tmp}"/assay-bash-session.*; do
  [[ -f $old/pid ]] && ! kill -0 "$(cat "$old/pid")" 2>/dev/null && rm -rf -- "$old" 2>/dev/null
done
d=$(mktemp -d "\${TMPDIR:-/tmp}/assay-bash-session.XXXXXXXX") || exit 1
mkfifo "$d/in" && : > "$d/out" || exit 1
id=\${d##*.}
shell=(bash --noediting -i)
# A job started with & by a script ignores SIGINT, and so would the shell and its commands: give it back.
if env --default-signal=INT true 2>/dev/null; then shell=(env --default-signal=INT "\${shell[@]}"); fi
# stderr stays out of the output until the shell's first command points it there (hiding "no job control" notices).
"\${shell[@]}" <> "$d/in" >> "$d/out" 2>/dev/null &
echo $! > "$d/pid"
printf '%s\\n' "exec 2>&1; unset HISTFILE; trap 'rm -rf -- \\"$d\\"' EXIT; PS2='> '; PS1='\\\\u@\\\\h:\\\\w\\\\$ \\\\037$id\\\\037'" > "$d/in"
# Wait for the first prompt, then start the model's output after it.
for _ in $(seq 1 200); do
  [[ $(tail -c $((\${#id} + 2)) "$d/out") == $'\\037'"$id"$'\\037' ]] && break
  sleep 0.05
done
wc -c < "$d/out" > "$d/offset"
printf '%s' "$d"
`;

/** Signals the shell of session "$1" and every process under it with signal "$2" (the shell's process tree). */
const signalTree = `
signal_tree() {
  local root=$1 sig=$2 f line rest p q
  local -A parent=()
  for f in /proc/[0-9]*/stat; do
    IFS= read -r line 2>/dev/null < "$f" || continue
    p=\${f#/proc/}; p=\${p%/stat}; rest=\${line##*) }
    set -- $rest; parent[$p]=$2
  done
  local targets=("$root") queue=("$root")
  while ((\${#queue[@]})); do
    q=\${queue[0]}; queue=("\${queue[@]:1}")
    for p in "\${!parent[@]}"; do
      if [[ \${parent[$p]} == "$q" ]]; then targets+=("$p"); queue+=("$p"); fi
    done
  done
  kill -"$sig" "\${targets[@]}" 2>/dev/null
}
`;

/**
 * Sends stdin to session "$1" (mode "$2": send, interrupt or read), then waits until the shell shows its prompt,
 * its output stays idle for "$4" ms after something arrived, or "$3" ms have passed; prints `ok` and the new output
 * (at most "$5" bytes, keeping the end). Prints `gone` when the shell no longer runs.
 */
export const interactScript =
  signalTree +
  `
d=$1 mode=$2 wait_ms=$3 idle_ms=$4 max=$5
id=\${d##*.}; marker=$'\\037'"$id"$'\\037'
pid=$(cat "$d/pid" 2>/dev/null)
if [[ -z $pid || ! -p $d/in ]] || ! kill -0 "$pid" 2>/dev/null; then echo gone; exit 0; fi
off=$(cat "$d/offset")
sent=$(wc -c < "$d/out")
case $mode in
  send) cat > "$d/in" ;;
  interrupt) signal_tree "$pid" INT ;;
esac
tick() { now=\${EPOCHREALTIME//[!0-9]/}; now=$((10#$now / 1000)); }
tick; start=$now; last=-1; changed=$now; polls=0
while :; do
  size=$(wc -c < "$d/out"); size=$((size))
  tick
  if ((size > off)); then
    # The prompt after new output: the shell waits for the next command.
    if ((size > sent)) && [[ $(tail -c \${#marker} "$d/out") == "$marker" ]]; then break; fi
    # Idle counts only while the shell waits, for input or for its command: on a busy machine it can be slow to print
    # its prompt, and that is not the end of the output.
    busy=0
    state=$(cat "/proc/$pid/stat" 2>/dev/null); state=\${state##*) }; [[ \${state%% *} == R ]] && busy=1
    wchan=$(cat "/proc/$pid/wchan" 2>/dev/null)
    [[ -n $wchan && $wchan != 0 && $wchan != *pipe_read* && $wchan != *wait* ]] && busy=1
    if ((size != last || busy)); then last=$size; changed=$now; elif ((now - changed >= idle_ms)); then break; fi
  fi
  ((now - start >= wait_ms)) && break
  kill -0 "$pid" 2>/dev/null || break
  # Most commands answer at once: look again soon at first, then every 50 ms.
  ((polls++ < 20)) && sleep 0.01 || sleep 0.05
done
# Everything written so far, including a prompt that arrived since the size was taken.
size=$(wc -c < "$d/out"); size=$((size))
echo "$size" > "$d/offset"
echo ok
if ((size - off > max)); then
  printf '\\n[bash_session output exceeded %s bytes; showing the tail; %s bytes omitted]\\n' "$max" $((size - off - max))
  off=$((size - max))
fi
tail -c +$((off + 1)) "$d/out" | head -c $((size - off))
`;

/** Kills the shell of session "$1" and everything it started, and removes the session directory. */
export const stopSessionScript =
  signalTree +
  `
d=$1
pid=$(cat "$d/pid" 2>/dev/null)
[[ -n $pid ]] && signal_tree "$pid" KILL
rm -rf -- "$d"
`;
