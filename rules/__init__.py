"""reviewbot's built-in rules, one module per rule, registered explicitly in BUILTIN_RULES.

Installed as ``reviewbot.rules``. Adding a rule: write ``rules/rbNNN_<name>.py`` with one rule
class, import it here and add it to ``BUILTIN_RULES``; the registry rejects duplicate codes.
"""

from __future__ import annotations

from reviewbot.rules.rb101_module_too_long import ModuleTooLong
from reviewbot.rules.rb102_too_many_public_methods import TooManyPublicMethods
from reviewbot.rules.rb103_unused_suppression import UnusedSuppression
from reviewbot.rules.rb201_cyclomatic_complexity import HighCyclomaticComplexity
from reviewbot.rules.rb202_cognitive_complexity import HighCognitiveComplexity
from reviewbot.rules.rb203_deep_nesting import DeepNesting
from reviewbot.rules.rb204_long_function import LongFunction
from reviewbot.rules.rb205_low_maintainability import LowMaintainabilityIndex
from reviewbot.rules.rb206_complexity_increase import ComplexityIncrease
from reviewbot.rules.rb207_copied_block import CopiedCode
from reviewbot.rules.rb301_string_concat_in_loop import StringConcatInLoop
from reviewbot.rules.rb302_list_membership_in_loop import ListMembershipInLoop
from reviewbot.rules.rb303_regex_compile_in_loop import RegexCompileInLoop
from reviewbot.rules.rb304_query_in_loop import QueryInLoop
from reviewbot.rules.rb305_deepcopy_in_loop import DeepcopyInLoop
from reviewbot.rules.rb306_list_front_ops_in_loop import ListFrontOpsInLoop
from reviewbot.rules.rb307_growing_list_dedupe import GrowingListDedupe
from reviewbot.rules.rb308_nested_loop_join import NestedLoopJoin
from reviewbot.rules.rb309_range_len_loop import RangeLenLoop
from reviewbot.rules.rb310_bytes_slice_in_loop import BytesSliceInLoop
from reviewbot.rules.rb311_await_in_loop import AwaitInLoop
from reviewbot.rules.rb312_blocking_call_in_async import BlockingCallInAsync
from reviewbot.rules.rb313_loop_invariant_call import LoopInvariantCall
from reviewbot.rules.rb314_sorted_copy_of_own_list import SortedCopyOfOwnList
from reviewbot.rules.rb315_module_function_with_compiled_pattern import (
    ModuleFunctionWithCompiledPattern,
)
from reviewbot.rules.rb316_pandas_row_iteration import PandasRowIteration
from reviewbot.rules.rb317_list_remove_in_loop import ListRemoveInLoop
from reviewbot.rules.rb318_dataframe_growth_in_loop import DataFrameGrowthInLoop
from reviewbot.rules.rb319_list_index_in_loop import ListIndexInLoop
from reviewbot.rules.rb320_admin_column_query_per_row import AdminColumnQueryPerRow
from reviewbot.rules.rb321_serializer_relation_query_per_row import SerializerRelationQueryPerRow
from reviewbot.rules.rb322_admin_column_guessed_relation import AdminColumnGuessedRelation
from reviewbot.rules.rb501_pull_request_too_large import PullRequestTooLarge
from reviewbot.rules.rb502_source_without_tests import SourceWithoutTests
from reviewbot.rules.rb503_description_too_short import DescriptionTooShort
from reviewbot.rules.rb504_lockfile_not_updated import LockfileNotUpdated
from reviewbot.rules.rb505_migration_added import MigrationAdded
from reviewbot.rules.rb506_new_todo import NewTodo
from reviewbot.ruleset.api import Rule

BUILTIN_RULES: tuple[type[Rule], ...] = (
    ModuleTooLong,
    TooManyPublicMethods,
    UnusedSuppression,
    HighCyclomaticComplexity,
    HighCognitiveComplexity,
    DeepNesting,
    LongFunction,
    LowMaintainabilityIndex,
    ComplexityIncrease,
    CopiedCode,
    StringConcatInLoop,
    ListMembershipInLoop,
    RegexCompileInLoop,
    QueryInLoop,
    DeepcopyInLoop,
    ListFrontOpsInLoop,
    GrowingListDedupe,
    NestedLoopJoin,
    RangeLenLoop,
    BytesSliceInLoop,
    AwaitInLoop,
    BlockingCallInAsync,
    LoopInvariantCall,
    SortedCopyOfOwnList,
    ModuleFunctionWithCompiledPattern,
    PandasRowIteration,
    ListRemoveInLoop,
    DataFrameGrowthInLoop,
    ListIndexInLoop,
    AdminColumnQueryPerRow,
    SerializerRelationQueryPerRow,
    AdminColumnGuessedRelation,
    PullRequestTooLarge,
    SourceWithoutTests,
    DescriptionTooShort,
    LockfileNotUpdated,
    MigrationAdded,
    NewTodo,
)
