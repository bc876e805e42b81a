# planc.bash - bash completion for planc: commands, each command's options,
# layouts (planc layouts), diagnostic codes (planc explain --all) and files.
# Installed by `make install` as share/bash-completion/completions/planc.

_planc_codes() {
	planc explain --all 2>/dev/null |
		sed -n 's/^\([a-z-]*\) (\(error\|warning\)): .*/\1/p'
}

_planc() {
	local cur prev cmd i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	local commands="check build watch diff dump new layouts explain schema help"
	local input="--root --stdin-filename"
	local diag="--werror -W --quiet --color= --max-per-code="
	case $prev in
	--layout)
		COMPREPLY=($(compgen -W "$(planc layouts 2>/dev/null)" -- "$cur"))
		COMPREPLY+=($(compgen -f -X '!*.yaml' -- "$cur"))
		return ;;
	-W)
		COMPREPLY=($(compgen -P no- -W "$(_planc_codes)" -- "${cur#no-}"))
		return ;;
	--root)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	-o|--stdin-filename)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	esac
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
		return
	fi
	case $cmd in
	check) opts="--format= --layout --timings $input $diag --help" ;;
	build) opts="-o --layout --dump-layout --untagged --compare --timings $input $diag --help" ;;
	watch) opts="-o --layout $diag --help" ;;
	diff) opts="--format= --stat --git $input --color= --help" ;;
	dump) opts="$input --help" ;;
	explain) opts="--all --format= --help" ;;
	schema) opts="--path --help" ;;
	*) opts="--help" ;;
	esac
	case $cur in
	--format=*)
		case $cmd in
		check) COMPREPLY=($(compgen -W "human json sarif github" -- "${cur#--format=}")) ;;
		diff) COMPREPLY=($(compgen -W "human markdown json" -- "${cur#--format=}")) ;;
		explain) COMPREPLY=($(compgen -W "text markdown" -- "${cur#--format=}")) ;;
		esac
		return ;;
	--color=*)
		COMPREPLY=($(compgen -W "auto always never" -- "${cur#--color=}"))
		return ;;
	-*)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return ;;
	esac
	case $cmd in
	explain) COMPREPLY=($(compgen -W "$(_planc_codes)" -- "$cur")) ;;
	schema) COMPREPLY=($(compgen -W "plan diff" -- "$cur")) ;;
	help) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
	new) COMPREPLY=($(compgen -d -- "$cur")) ;;
	layouts) ;;
	*) COMPREPLY=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -d -- "$cur")) ;;
	esac
}
complete -F _planc planc
