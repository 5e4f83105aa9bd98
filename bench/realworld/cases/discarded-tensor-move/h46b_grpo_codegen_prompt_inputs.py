# source: https://github.com/dhcode-cpp/X-R1/issues/9
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: class, batch-dict, helper
# bug-lines: 43, 44, 46
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Group-relative policy optimisation for a small code LM, rewarded by unit tests."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def run_unit_tests(completion, tests):
    scope = {}
    try:
        exec(completion, scope)
        for t in tests:
            exec(t, scope)
    except Exception:
        return 0.0
    return 1.0


class CodeGRPOTrainer:
    def __init__(self, ckpt="bigcode/tiny_starcoder_py", group_size=4, max_new_tokens=128):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(ckpt)
        self.tokenizer.pad_token = self.tokenizer.eos_token
        self.tokenizer.padding_side = "left"
        self.policy = AutoModelForCausalLM.from_pretrained(ckpt).to(self.device)
        self.optimizer = torch.optim.AdamW(self.policy.parameters(), lr=1e-6)
        self.group_size = group_size
        self.max_new_tokens = max_new_tokens

    def sample_group(self, prompts):
        repeated = [p for p in prompts for _ in range(self.group_size)]
        prompt_inputs = self.tokenizer(
            repeated,
            return_tensors="pt",
            padding=True,
            add_special_tokens=False,
        )
        prompt_inputs["input_ids"].to(self.device)
        prompt_inputs["attention_mask"].to(self.device)
        with torch.no_grad():
            sequences = self.policy.generate(
                **prompt_inputs,
                do_sample=True,
                temperature=0.8,
                max_new_tokens=self.max_new_tokens,
                pad_token_id=self.tokenizer.pad_token_id,
            )
        prompt_len = prompt_inputs["input_ids"].shape[1]
        return sequences, prompt_len

    def step(self, prompts, tests_per_prompt):
        sequences, prompt_len = self.sample_group(prompts)
        texts = self.tokenizer.batch_decode(sequences[:, prompt_len:], skip_special_tokens=True)
        rewards = torch.tensor(
            [run_unit_tests(p + c, tests_per_prompt[i // self.group_size])
             for i, (p, c) in enumerate(zip([p for p in prompts for _ in range(self.group_size)], texts))],
            device=self.device,
        ).view(-1, self.group_size)
        advantages = (rewards - rewards.mean(dim=1, keepdim=True)) / (rewards.std(dim=1, keepdim=True) + 1e-4)
        return advantages.view(-1)


if __name__ == "__main__":
    trainer = CodeGRPOTrainer()
    adv = trainer.step(["def add(a, b):\n"], [["assert add(2, 3) == 5"]])
    print(adv)
