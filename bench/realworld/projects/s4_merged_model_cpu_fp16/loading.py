# source: https://github.com/arcee-ai/mergekit/issues/175
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# bug-lines: 26, 28
# cpu: clean
# needs: torch, transformers
import torch
from transformers import AutoModelForCausalLM, LlamaConfig

MERGE_CONFIG = {
    "dtype": "float16",          # what the merge was written out as
    "vocab_size": 256,
    "hidden_size": 64,
    "intermediate_size": 128,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
}


def load_merged(merge_cfg=MERGE_CONFIG):
    config = LlamaConfig(vocab_size=merge_cfg["vocab_size"], hidden_size=merge_cfg["hidden_size"],
                         intermediate_size=merge_cfg["intermediate_size"],
                         num_hidden_layers=merge_cfg["num_hidden_layers"],
                         num_attention_heads=merge_cfg["num_attention_heads"])
    dtype = getattr(torch, merge_cfg["dtype"])
    # stands in for AutoModelForCausalLM.from_pretrained("./merged", torch_dtype=dtype)
    model = AutoModelForCausalLM.from_config(config, torch_dtype=dtype)
    return model.eval()
