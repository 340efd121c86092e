# Pieces shared by the import benchmarks (run.sh, pg_run.sh); sourced.
#   rows_per_second_table OURS_ARRAY BASE_ARRAY BASE_LABEL DIR KINDS...
# prints, per kind, the rows of DIR/KIND.csv and the medians of the times
# kept in the two associative arrays (named), as rows per second and their
# ratio (ours / the baseline's).

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

rows_per_second_table() {
  local -n ours_t=$1 base_t_=$2
  local label=$3 dir=$4
  shift 4
  printf "%-11s %10s %12s %12s %12s %12s %7s\n" kind rows "danso s" "danso rows/s" "$label s" "$label rows/s" ratio
  local k rows d s
  for k in "$@"; do
    rows=$(($(wc -l < "$dir/$k.csv") - 1))
    d=$(echo ${ours_t[$k]} | tr ' ' '\n' | median)
    s=$(echo ${base_t_[$k]} | tr ' ' '\n' | median)
    printf "%-11s %10d %12.3f %12.0f %12.3f %12.0f %7.2f\n" "$k" "$rows" "$d" "$(awk "BEGIN{print $rows / $d}")" \
      "$s" "$(awk "BEGIN{print $rows / $s}")" "$(awk "BEGIN{print $s / $d}")"
  done
}
