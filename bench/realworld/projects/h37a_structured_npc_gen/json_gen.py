# source: https://github.com/dottxt-ai/outlines/issues/656
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, helper
# bug-lines: 36, 41
# needs: torch, pydantic
# cpu: no written where torch was not installed; not run
"""Generate a JSON object that validates against a pydantic schema, retrying on bad output."""
import json
from enum import Enum

import torch
from pydantic import BaseModel, ValidationError, constr


class Weapon(str, Enum):
    sword = "sword"
    axe = "axe"
    bow = "bow"


class Character(BaseModel):
    name: constr(max_length=10)
    age: int
    weapon: Weapon
    strength: int


def schema_instruction(schema_cls, request):
    schema = json.dumps(schema_cls.model_json_schema())
    return f"{request}\nAnswer only with JSON matching this schema:\n{schema}"


def generate_json(lm, schema_cls, request, seed=789001, retries=3, max_new_tokens=200):
    prompt = lm.chat_prompt(schema_instruction(schema_cls, request))
    enc = lm.tokenizer(prompt, return_tensors="pt")
    rng = torch.Generator(device=lm.device).manual_seed(seed)
    for _ in range(retries):
        torch.manual_seed(int(torch.randint(0, 2**31 - 1, (1,), generator=rng, device=lm.device)))
        with torch.no_grad():
            out = lm.model.generate(**enc, do_sample=True, temperature=0.7,
                                    max_new_tokens=max_new_tokens,
                                    pad_token_id=lm.tokenizer.pad_token_id)
        text = lm.decode_new(out, enc["input_ids"].shape[1])
        try:
            return schema_cls.model_validate_json(text[text.find("{"): text.rfind("}") + 1])
        except ValidationError:
            continue
    raise RuntimeError("model never produced valid JSON")
