# source: https://github.com/huggingface/transformers/issues/21736
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cuda:1
# pattern: parallel-wrap-before-placement
# shape: helper, batch-dict
# bug-lines: 20
# cpu: no needs a download and several GPUs
# needs: torch, transformers, peft, bitsandbytes
import torch
from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
from transformers import (AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig, Trainer,
                          TrainingArguments, default_data_collator)

MODEL = "EleutherAI/gpt-j-6B"
MAX_LEN = 550


def load_8bit_lora_model():
    tokenizer = AutoTokenizer.from_pretrained(MODEL)
    tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(MODEL, quantization_config=BitsAndBytesConfig(load_in_8bit=True), device_map="auto")
    model = prepare_model_for_kbit_training(model)
    config = LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "v_proj"], lora_dropout=0.05,
                        task_type="CAUSAL_LM")
    return get_peft_model(model, config), tokenizer


class TLDRDataset(torch.utils.data.Dataset):
    def __init__(self, posts, summaries, tokenizer):
        self.items = []
        for post, summary in zip(posts, summaries):
            enc = tokenizer(post + "\nTL;DR: " + summary, truncation=True, max_length=MAX_LEN,
                            padding="max_length", return_tensors="pt")
            ids = enc["input_ids"][0]
            self.items.append({"input_ids": ids, "attention_mask": enc["attention_mask"][0], "labels": ids})

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


def main():
    model, tokenizer = load_8bit_lora_model()
    train_ds = TLDRDataset(["some reddit post"] * 64, ["a short summary"] * 64, tokenizer)
    args = TrainingArguments(output_dir="gptj-sft-lora", per_device_train_batch_size=4,
                             gradient_accumulation_steps=4, learning_rate=1e-4, fp16=True,
                             num_train_epochs=1, logging_steps=10)
    trainer = Trainer(model=model, args=args, train_dataset=train_ds, data_collator=default_data_collator)
    trainer.train()  # `python train.py` on an 8-GPU box: the Trainer wraps nn.DataParallel


if __name__ == "__main__":
    main()
