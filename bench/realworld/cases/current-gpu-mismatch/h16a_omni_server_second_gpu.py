# source: https://github.com/OpenBMB/MiniCPM-V/issues/839
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: current-gpu-mismatch
# shape: class, batch-dict
# bug-lines: 35, 36
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


class StreamingChatServer:
    """Serves one model on a chosen GPU; GPU 0 is busy with the TTS worker."""

    def __init__(self, model_path, device="cuda:1", max_new_tokens=256):
        self.device = device
        self.max_new_tokens = max_new_tokens
        self.tokenizer = AutoTokenizer.from_pretrained(model_path, trust_remote_code=True)
        self.model = AutoModelForCausalLM.from_pretrained(
            model_path, torch_dtype=torch.bfloat16, trust_remote_code=True
        )
        self.model.to(self.device).eval()
        self.history = []

    def _prompt(self, user_msg):
        self.history.append({"role": "user", "content": user_msg})
        return self.tokenizer.apply_chat_template(
            self.history, tokenize=False, add_generation_prompt=True
        )

    def _encode(self, user_msg):
        text = self._prompt(user_msg)
        ids = self.tokenizer(text, add_special_tokens=False)["input_ids"]
        return {
            "input_ids": torch.tensor([ids]).cuda(),
            "attention_mask": torch.ones(1, len(ids), dtype=torch.long).cuda(),
        }

    @torch.inference_mode()
    def reply(self, user_msg):
        batch = self._encode(user_msg)
        out = self.model.generate(**batch, max_new_tokens=self.max_new_tokens, do_sample=False)
        answer = self.tokenizer.decode(out[0, batch["input_ids"].shape[1]:], skip_special_tokens=True)
        self.history.append({"role": "assistant", "content": answer})
        return answer


if __name__ == "__main__":
    server = StreamingChatServer("openbmb/MiniCPM-o-2_6", device="cuda:1")
    print(server.reply("Describe the weather in Paris in one sentence."))
