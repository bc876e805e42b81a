# planc.fish - fish completion for planc: commands, each command's options,
# layouts (planc layouts), diagnostic codes (planc explain --all) and files.
# Installed by `make install` as share/fish/vendor_completions.d/planc.fish.

function __planc_codes
    planc explain --all 2>/dev/null | sed -n 's/^\([a-z-]*\) (\(error\|warning\)): \(.*\)/\1\t\3/p'
end

set -l commands check build watch diff dump new layouts explain schema help
complete -c planc -f
complete -c planc -n "not __fish_seen_subcommand_from $commands" -a check -d 'check plans; print diagnostics'
complete -c planc -n "not __fish_seen_subcommand_from $commands" -a build -d 'check a plan and write its PDF'
complete -c planc -n "not __fish_seen_subcommand_from $commands" -a watch -d 'build again whenever the files change'
complete -c planc -n "not __fish_seen_subcommand_from $commands" -a diff -d 'what changed between two plans'
complete -c planc -n "not __fish_seen_subcommand_from $commands" -a dump -d 'the checked plan as canonical text'
complete -c planc -n "not __fish_seen_subcommand_from $commands" -a new -d 'start a plan in a new directory'
complete -c planc -n "not __fish_seen_subcommand_from $commands" -a layouts -d "list planc's layouts"
complete -c planc -n "not __fish_seen_subcommand_from $commands" -a explain -d 'what a diagnostic code means'
complete -c planc -n "not __fish_seen_subcommand_from $commands" -a schema -d "the plan format's JSON Schema"
complete -c planc -n "not __fish_seen_subcommand_from $commands" -a help -d 'help on a command'
complete -c planc -n "not __fish_seen_subcommand_from $commands" -l help -s h -d 'help'
complete -c planc -n "not __fish_seen_subcommand_from $commands" -l version -s V -d 'version'

complete -c planc -n "__fish_seen_subcommand_from check build watch diff dump" -F -a '(__fish_complete_suffix .yaml)'
complete -c planc -n "__fish_seen_subcommand_from check" -l format -x -a 'human json sarif github'
complete -c planc -n "__fish_seen_subcommand_from diff" -l format -x -a 'human markdown json'
complete -c planc -n "__fish_seen_subcommand_from diff" -l stat -d 'only the summary'
complete -c planc -n "__fish_seen_subcommand_from diff" -l git -d 'compare git revisions'
complete -c planc -n "__fish_seen_subcommand_from check build watch" -l layout -x -a '(planc layouts 2>/dev/null; __fish_complete_suffix .yaml)'
complete -c planc -n "__fish_seen_subcommand_from build watch" -s o -r -d 'output PDF'
complete -c planc -n "__fish_seen_subcommand_from build" -l dump-layout -d 'the pages as text'
complete -c planc -n "__fish_seen_subcommand_from build" -l untagged -d 'no structure tree'
complete -c planc -n "__fish_seen_subcommand_from check build" -l timings -d 'time per stage to standard error'
complete -c planc -n "__fish_seen_subcommand_from build" -l compare -r -F -d 'a redline against an older plan'
complete -c planc -n "__fish_seen_subcommand_from check build diff dump" -l root -x -a '(__fish_complete_directories)' -d 'project root'
complete -c planc -n "__fish_seen_subcommand_from check build diff dump" -l stdin-filename -r -d 'name of the plan on standard input'
complete -c planc -n "__fish_seen_subcommand_from check build watch" -l werror -d 'warnings make the exit status 1'
complete -c planc -n "__fish_seen_subcommand_from check build watch" -s W -x -a '(__planc_codes | sed "s/^/no-/")' -d 'leave out a code'
complete -c planc -n "__fish_seen_subcommand_from check build watch" -l quiet -s q -d 'errors only'
complete -c planc -n "__fish_seen_subcommand_from check build watch" -l max-per-code -x -d 'diagnostics per code'
complete -c planc -n "__fish_seen_subcommand_from check build watch diff" -l color -x -a 'auto always never'
complete -c planc -n "__fish_seen_subcommand_from new" -x -a '(__fish_complete_directories)'
complete -c planc -n "__fish_seen_subcommand_from explain" -x -a '(__planc_codes)'
complete -c planc -n "__fish_seen_subcommand_from explain" -l all -d 'every code'
complete -c planc -n "__fish_seen_subcommand_from explain" -l format -x -a 'text markdown'
complete -c planc -n "__fish_seen_subcommand_from schema" -x -a 'plan diff'
complete -c planc -n "__fish_seen_subcommand_from schema" -l path -d 'where the schema is'
complete -c planc -n "__fish_seen_subcommand_from help" -x -a "$commands"
