# source: https://github.com/artidoro/qlora/issues/287
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::BFloat16
# pattern: partial-dtype-cast
# shape: multi-file, class
# looks-like: partial-dtype-cast
# needs: torch, transformers, peft, bitsandbytes, datasets
# cpu: no written where torch was not installed; not run
"""Distil Llama-3.1-8B-Instruct (fp16 teacher) into a 4-bit QLoRA Llama-3.2-1B student."""
import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig

from model import StudentWithProjector, distill_loss

TEACHER = "meta-llama/Llama-3.1-8B-Instruct"
STUDENT = "meta-llama/Llama-3.2-1B"


def build_loader(tokenizer, batch_size=4, max_len=1024):
    ds = load_dataset("HuggingFaceH4/ultrachat_200k", split="train_sft[:20000]")

    def to_text(ex):
        return {"text": tokenizer.apply_chat_template(ex["messages"], tokenize=False)}

    ds = ds.map(to_text, remove_columns=ds.column_names)

    def collate(rows):
        return tokenizer([r["text"] for r in rows], padding=True, truncation=True,
                         max_length=max_len, return_tensors="pt")

    return DataLoader(ds, batch_size=batch_size, shuffle=True, collate_fn=collate)


def main():
    device = torch.device("cuda:0")
    tokenizer = AutoTokenizer.from_pretrained(TEACHER)
    tokenizer.pad_token = tokenizer.eos_token

    bnb = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                             bnb_4bit_compute_dtype=torch.bfloat16, bnb_4bit_use_double_quant=True)
    student = AutoModelForCausalLM.from_pretrained(STUDENT, quantization_config=bnb,
                                                   torch_dtype=torch.bfloat16, device_map={"": 0})
    student = prepare_model_for_kbit_training(student, use_gradient_checkpointing=True)
    student = get_peft_model(student, LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05,
                                                 target_modules=["q_proj", "k_proj", "v_proj", "o_proj"],
                                                 task_type="CAUSAL_LM"))
    teacher = AutoModelForCausalLM.from_pretrained(TEACHER, torch_dtype=torch.float16, device_map={"": 0}).eval()

    model = StudentWithProjector(student, teacher.config.hidden_size)
    model.projector.to(device=device, dtype=torch.float32)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-4)

    for step, batch in enumerate(build_loader(tokenizer)):
        batch = {k: v.to(device) for k, v in batch.items()}
        with torch.no_grad():
            t_out = teacher(**batch, output_hidden_states=True)
        s_logits, s_proj = model(batch["input_ids"], batch["attention_mask"])
        loss = distill_loss(s_logits, t_out.logits, s_proj, t_out.hidden_states[-1],
                            batch["attention_mask"].float())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if step % 100 == 0:
            print(f"step {step}: loss {loss.item():.4f}")
    student.save_pretrained("llama1b-qlora-distilled")
    torch.save(model.projector.state_dict(), "projector.pt")


if __name__ == "__main__":
    main()
