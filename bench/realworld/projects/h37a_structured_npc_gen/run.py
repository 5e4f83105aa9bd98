# source: https://github.com/dottxt-ai/outlines/issues/656
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
"""Create a few NPC character sheets for the game prototype."""
import torch

from json_gen import Character, generate_json
from llm_backend import LocalLM

device = "cuda" if torch.cuda.is_available() else "cpu"
lm = LocalLM("mistralai/Mistral-7B-Instruct-v0.2", device=device)

requests = [
    "Give me a character description",
    "Give me an interesting character description for a dwarf blacksmith",
    "Give me a character description for a young elven archer",
]
for req in requests:
    character = generate_json(lm, Character, req)
    print(repr(character))
